package org.openvrm.manager.cluster;

import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.Page;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Pages;

public final class ClusterRepository {

    public static final Filters FILTERS = new Filters(Map.of("name", "name"));
    private static final RowMapper<ClusterRecord> MAPPER = (rs, ctx) -> new ClusterRecord(
            rs.getString("id"), rs.getString("name"), rs.getString("description"),
            rs.getBoolean("memory_overcommit"), Instant.ofEpochMilli(rs.getLong("created_ms")));

    public void insert(Handle h, ClusterRecord c) {
        h.createUpdate("INSERT INTO clusters (id, name, description, memory_overcommit, created_ms) "
                        + "VALUES (:id, :name, :description, :overcommit, :created)")
                .bind("id", c.id()).bind("name", c.name()).bind("description", c.description())
                .bind("overcommit", c.memoryOvercommit()).bind("created", c.createdAt().toEpochMilli())
                .execute();
    }

    public Page<ClusterRecord> list(Handle h, ListQuery q) {
        return Pages.page(h, "clusters", FILTERS, q, "name, id", MAPPER);
    }

    public void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM clusters WHERE id = :id").bind("id", id).execute();
    }
}
