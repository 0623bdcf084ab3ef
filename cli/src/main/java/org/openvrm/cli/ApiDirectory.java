package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Directory} over the API: {@code GET /{kind}/{id}} and {@code GET /{kind}?name=NAME}. */
final class ApiDirectory implements Directory {

    private final ApiClient api;

    ApiDirectory(ApiClient api) {
        this.api = api;
    }

    @Override
    public Optional<JsonNode> byId(Kind kind, String id) {
        try {
            return Optional.of(api.get(kind.path(id)));
        } catch (CliException.Api e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<JsonNode> byName(Kind kind, String name) {
        if (name.contains("*")) {
            return List.of(); // the API reads '*' as a wildcard; a name never holds one
        }
        // names are unique per kind, so two results already mean "ambiguous"
        JsonNode page = api.get(kind.path(), Map.of("name", name, "limit", "2"));
        List<JsonNode> exact = new ArrayList<>();
        page.path("items").forEach(item -> {
            if (name.equals(item.path("name").asText(null))) {
                exact.add(item);
            }
        });
        return exact;
    }
}
