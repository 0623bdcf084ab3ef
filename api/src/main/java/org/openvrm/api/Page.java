package org.openvrm.api;

import java.util.List;

/** One page of a list: the server pages and filters every list. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
    public Page {
        items = List.copyOf(items);
    }
}
