package org.openvrm.manager.store;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.Page;

/** The one way a repository reads a page of a table: filtered, counted, ordered, limited. */
public final class Pages {

    private Pages() {}

    public static <T> Page<T> page(
            Handle h, String table, Filters filters, ListQuery q, String orderBy, RowMapper<T> mapper) {
        String where = filters.where(q);
        long total = filters.bind(h.createQuery("SELECT COUNT(*) FROM " + table + where), q)
                .mapTo(Long.class).one();
        int limit = (int) Math.min(q.limit(), Integer.MAX_VALUE);
        List<T> items = filters.bind(h.createQuery(
                        "SELECT * FROM " + table + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset"), q)
                .bind("limit", limit)
                .bind("offset", q.offset())
                .map(mapper)
                .list();
        return new Page<>(items, total, q.offset(), q.limit() == Integer.MAX_VALUE ? items.size() : q.limit());
    }
}
