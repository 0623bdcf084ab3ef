package org.openvrm.manager.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvrm.manager.error.ApiException.InvalidInput;

/**
 * A page request with filters, parsed from query parameters. Only the filters a list declares are accepted: an
 * unknown one is an error, not silently ignored (a typo must not return everything).
 */
public record ListQuery(Map<String, String> filters, int offset, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public ListQuery {
        filters = Map.copyOf(filters);
    }

    public static ListQuery parse(Map<String, List<String>> params, Set<String> allowedFilters) {
        Map<String, String> filters = new LinkedHashMap<>();
        int offset = 0;
        int limit = DEFAULT_LIMIT;
        for (var e : params.entrySet()) {
            String key = e.getKey();
            if (e.getValue().size() != 1) {
                throw new InvalidInput(key, "INVALID_PARAMETER", "query parameter " + key + " must be given once");
            }
            String value = e.getValue().getFirst();
            switch (key) {
                case "offset" -> offset = parseInt(key, value, 0, Integer.MAX_VALUE);
                case "limit" -> limit = parseInt(key, value, 1, MAX_LIMIT);
                default -> {
                    if (!allowedFilters.contains(key)) {
                        throw new InvalidInput(key, "INVALID_PARAMETER", "unknown query parameter '" + key
                                + "'; this list takes offset, limit" + (allowedFilters.isEmpty() ? "" : ", "
                                + String.join(", ", allowedFilters.stream().sorted().toList())));
                    }
                    if (value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
                        throw new InvalidInput(key, "INVALID_PARAMETER", "query parameter " + key
                                + " must be at most 200 characters without control characters");
                    }
                    filters.put(key, value);
                }
            }
        }
        return new ListQuery(filters, offset, limit);
    }

    public static ListQuery all() {
        return new ListQuery(Map.of(), 0, Integer.MAX_VALUE);
    }

    private static int parseInt(String key, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new InvalidInput(key, "INVALID_PARAMETER", key + " must be an integer from " + min + " to " + max
                + ", got '" + value + "'");
    }
}
