package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the user typed, an id or a name, into one resource. The id-shaped guess only orders the two
 * lookups; either form works for any argument. Exactly one match is required: none is "not found", several is
 * a usage error that lists the ids to choose from.
 */
final class Resolver {

    private final Directory directory;

    Resolver(Directory directory) {
        this.directory = directory;
    }

    /** The resource's JSON, as the API serves it. */
    JsonNode resolve(Kind kind, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new CliException.Usage("an empty " + kind.noun() + " name or id");
        }
        if (kind.looksLikeId(idOrName)) {
            Optional<JsonNode> hit = directory.byId(kind, idOrName);
            return hit.isPresent() ? hit.get() : byName(kind, idOrName).orElseThrow(() -> notFound(kind, idOrName));
        }
        return byName(kind, idOrName).or(() -> directory.byId(kind, idOrName))
                .orElseThrow(() -> notFound(kind, idOrName));
    }

    String id(Kind kind, String idOrName) {
        return resolve(kind, idOrName).path("id").asText();
    }

    /** {@link #id}, passing null through: for options that are optional. */
    String idOrNull(Kind kind, String idOrName) {
        return idOrName == null ? null : id(kind, idOrName);
    }

    private Optional<JsonNode> byName(Kind kind, String name) {
        List<JsonNode> hits = directory.byName(kind, name);
        if (hits.size() > 1) {
            throw new CliException.Usage(hits.size() + " " + kind.noun() + "s are named '" + name
                    + "'; give one of their ids: " + String.join(", ", hits.stream()
                    .map(h -> h.path("id").asText()).toList()));
        }
        return hits.stream().findFirst();
    }

    private static CliException.NotFound notFound(Kind kind, String idOrName) {
        String hint = idOrName.contains("*") && kind == Kind.VM
                ? "; to act on several VMs use --all --name '" + idOrName + "'" : "";
        return new CliException.NotFound("no " + kind.noun() + " named or with id '" + idOrName + "'" + hint);
    }
}
