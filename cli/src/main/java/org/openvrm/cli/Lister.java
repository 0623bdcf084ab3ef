package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches a list page by page. The API caps a page at {@value #MAX_PAGE}; without {@code --limit} the CLI
 * follows the pages to the end, so {@code vrm vm list} shows every VM, not the first hundred.
 */
final class Lister {

    static final int MAX_PAGE = 1000;

    /** The items fetched, and the list's total as the manager counted it. */
    record Listing(List<JsonNode> items, long total, int offset) {
        Listing {
            items = List.copyOf(items);
        }
    }

    private final ApiClient api;

    Lister(ApiClient api) {
        this.api = api;
    }

    /**
     * @param filters the list's filters; null values are left out
     * @param limit at most this many items, or null for all of them
     */
    Listing list(Kind kind, Map<String, String> filters, Integer limit, int offset) {
        return list(kind.path(), filters, limit, offset);
    }

    /** As {@link #list(Kind, Map, Integer, int)}, for a list under another resource, e.g. a VM's snapshots. */
    Listing list(String path, Map<String, String> filters, Integer limit, int offset) {
        List<JsonNode> items = new ArrayList<>();
        long total = 0;
        int next = offset;
        while (limit == null || items.size() < limit) {
            int size = limit == null ? MAX_PAGE : Math.min(MAX_PAGE, limit - items.size());
            Map<String, String> query = new LinkedHashMap<>(filters);
            query.put("offset", Integer.toString(next));
            query.put("limit", Integer.toString(size));
            JsonNode page = api.get(path, query);
            total = page.path("total").asLong();
            JsonNode got = page.path("items");
            got.forEach(items::add);
            next += got.size();
            if (got.isEmpty() || got.size() < size || next >= total) {
                break;
            }
        }
        return new Listing(items, total, offset);
    }
}
