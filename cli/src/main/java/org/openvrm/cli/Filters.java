package org.openvrm.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** A list's query filters from option values; an option not given (null) is left out. */
final class Filters {

    private Filters() {}

    /** @param pairs name, value, name, value, ... */
    static Map<String, String> of(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("filters come in name/value pairs");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                filters.put(pairs[i], pairs[i + 1]);
            }
        }
        return filters;
    }
}
