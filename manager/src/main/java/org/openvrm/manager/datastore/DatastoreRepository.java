package org.openvrm.manager.datastore;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.Datastore;
import org.openvrm.api.Page;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Pages;

public final class DatastoreRepository {

    public static final Filters FILTERS = new Filters(Map.of("name", "name", "type", "type"));
    private static final String SELECT = "(SELECT d.*, (SELECT COALESCE(SUM(size_mb), 0) FROM vm_disks k "
            + "WHERE k.datastore_id = d.id) AS provisioned_mb FROM datastores d) ds";
    private static final RowMapper<Datastore> MAPPER = (rs, ctx) -> new Datastore(
            rs.getString("id"), rs.getString("name"), rs.getString("type"), rs.getString("path"),
            rs.getLong("capacity_mb"), rs.getLong("provisioned_mb"), rs.getString("description"),
            Instant.ofEpochMilli(rs.getLong("created_ms")));

    public void insert(Handle h, Datastore d) {
        h.createUpdate("INSERT INTO datastores (id, name, type, path, capacity_mb, description, created_ms) "
                        + "VALUES (:id, :name, :type, :path, :capacity, :description, :created)")
                .bind("id", d.id()).bind("name", d.name()).bind("type", d.type()).bind("path", d.path())
                .bind("capacity", d.capacityMb()).bind("description", d.description())
                .bind("created", d.createdAt().toEpochMilli())
                .execute();
    }

    public Optional<Datastore> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM " + SELECT + " WHERE id = :id").bind("id", id).map(MAPPER).findOne();
    }

    public Page<Datastore> list(Handle h, ListQuery q) {
        return Pages.page(h, SELECT, FILTERS, q, "name, id", MAPPER);
    }

    public int disksOn(Handle h, String id) {
        return h.createQuery("SELECT COUNT(*) FROM vm_disks WHERE datastore_id = :id").bind("id", id)
                .mapTo(Integer.class).one();
    }

    public long thickProvisionedMb(Handle h, String id) {
        return h.createQuery("SELECT COALESCE(SUM(size_mb), 0) FROM vm_disks WHERE datastore_id = :id AND thick")
                .bind("id", id).mapTo(Long.class).one();
    }

    public void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM datastores WHERE id = :id").bind("id", id).execute();
    }
}
