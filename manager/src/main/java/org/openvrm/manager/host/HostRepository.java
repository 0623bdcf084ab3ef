package org.openvrm.manager.host;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.HostHardware;
import org.openvrm.api.Page;
import org.openvrm.api.SimHostSpec;
import org.openvrm.manager.Json;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Pages;

public final class HostRepository {

    public static final Filters FILTERS = new Filters(Map.of(
            "name", "name", "state", "state", "clusterId", "cluster_id", "driver", "driver"));

    private final Json json;
    private final RowMapper<HostRecord> mapper;

    public HostRepository(Json json) {
        this.json = json;
        this.mapper = (rs, ctx) -> new HostRecord(
                rs.getString("id"), rs.getString("name"), rs.getString("cluster_id"), rs.getString("driver"),
                HostState.valueOf(rs.getString("state")), rs.getString("state_reason"),
                rs.getString("driver_spec") == null ? null
                        : json.readStored(rs.getString("driver_spec"), SimHostSpec.class),
                rs.getString("hardware") == null ? null : json.readStored(rs.getString("hardware"), HostHardware.class),
                Instant.ofEpochMilli(rs.getLong("created_ms")), Instant.ofEpochMilli(rs.getLong("updated_ms")));
    }

    public void insert(Handle h, HostRecord r) {
        h.createUpdate("INSERT INTO hosts (id, name, cluster_id, driver, state, state_reason, driver_spec, hardware, "
                        + "created_ms, updated_ms) VALUES (:id, :name, :cluster, :driver, :state, :reason, :spec, "
                        + ":hardware, :created, :updated)")
                .bind("id", r.id()).bind("name", r.name()).bind("cluster", r.clusterId()).bind("driver", r.driver())
                .bind("state", r.state().name()).bind("reason", r.stateReason())
                .bind("spec", r.simSpec() == null ? null : json.write(r.simSpec()))
                .bind("hardware", r.hardware() == null ? null : json.write(r.hardware()))
                .bind("created", r.createdAt().toEpochMilli()).bind("updated", r.updatedAt().toEpochMilli())
                .execute();
    }

    public Optional<HostRecord> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM hosts WHERE id = :id").bind("id", id).map(mapper).findOne();
    }

    public Page<HostRecord> list(Handle h, ListQuery q) {
        return Pages.page(h, "hosts", FILTERS, q, "name, id", mapper);
    }

    public List<HostRecord> all(Handle h) {
        return h.createQuery("SELECT * FROM hosts ORDER BY name, id").map(mapper).list();
    }

    public void setState(Handle h, String id, HostState state, String reason, Instant now) {
        h.createUpdate("UPDATE hosts SET state = :state, state_reason = :reason, updated_ms = :now WHERE id = :id")
                .bind("id", id).bind("state", state.name()).bind("reason", reason).bind("now", now.toEpochMilli())
                .execute();
    }

    /** Moves the state only if it still is {@code from}; returns whether it moved. */
    public boolean compareAndSetState(Handle h, String id, HostState from, HostState to, String reason, Instant now) {
        return h.createUpdate("UPDATE hosts SET state = :to, state_reason = :reason, updated_ms = :now "
                        + "WHERE id = :id AND state = :from")
                .bind("id", id).bind("from", from.name()).bind("to", to.name()).bind("reason", reason)
                .bind("now", now.toEpochMilli()).execute() == 1;
    }

    public void setHardware(Handle h, String id, HostHardware hardware, Instant now) {
        h.createUpdate("UPDATE hosts SET hardware = :hardware, updated_ms = :now WHERE id = :id")
                .bind("id", id).bind("hardware", json.write(hardware)).bind("now", now.toEpochMilli()).execute();
    }

    public void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM hosts WHERE id = :id").bind("id", id).execute();
    }
}
