package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Shows ids as names in tables (a host's cluster, a VM's host). Fetches each kind's list once per command, and
 * only when a table needs it; an id it cannot name is shown as is.
 */
final class Names {

    private final Lister lister;
    private final Map<Kind, Map<String, String>> byKind = new EnumMap<>(Kind.class);

    Names(Lister lister) {
        this.lister = lister;
    }

    String of(Kind kind, String id) {
        if (id == null) {
            return null;
        }
        return byKind.computeIfAbsent(kind, this::fetch).getOrDefault(id, id);
    }

    private Map<String, String> fetch(Kind kind) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode item : lister.list(kind, Map.of(), null, 0).items()) {
            names.put(item.path("id").asText(), item.path("name").asText());
        }
        return names;
    }
}
