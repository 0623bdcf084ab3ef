package org.openvrm.manager.vm.snapshot;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.Page;
import org.openvrm.core.vm.VmState;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Pages;

/** The vm_snapshots table. Rows go with their VM (ON DELETE CASCADE), in the transaction that deletes it. */
public final class SnapshotRepository {

    /** The filters a VM's snapshot list takes. */
    public static final Filters FILTERS = new Filters(Map.of("name", "name", "state", "state"));
    /** The same, scoped to one VM: the VM comes from the path, never from a query parameter. */
    private static final Filters SCOPED = new Filters(Map.of("name", "name", "state", "state", "vmId", "vm_id"));

    private static final RowMapper<SnapshotRecord> MAPPER = (rs, ctx) -> new SnapshotRecord(
            rs.getString("id"), rs.getString("vm_id"), rs.getString("name"), rs.getString("description"),
            SnapshotState.valueOf(rs.getString("state")),
            rs.getString("vm_state") == null ? null : VmState.valueOf(rs.getString("vm_state")),
            rs.getString("task_id"), Instant.ofEpochMilli(rs.getLong("created_ms")));

    public void insert(Handle h, SnapshotRecord s) {
        h.createUpdate("INSERT INTO vm_snapshots (id, vm_id, name, description, state, vm_state, task_id, "
                        + "created_ms) VALUES (:id, :vm, :name, :description, :state, :vmState, :task, :created)")
                .bind("id", s.id()).bind("vm", s.vmId()).bind("name", s.name()).bind("description", s.description())
                .bind("state", s.state().name()).bind("vmState", s.vmState() == null ? null : s.vmState().name())
                .bind("task", s.taskId()).bind("created", s.createdAt().toEpochMilli())
                .execute();
    }

    public Optional<SnapshotRecord> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM vm_snapshots WHERE id = :id").bind("id", id).map(MAPPER).findOne();
    }

    public Page<SnapshotRecord> list(Handle h, String vmId, ListQuery q) {
        Map<String, String> filters = new HashMap<>(q.filters());
        filters.put("vmId", vmId);
        return Pages.page(h, "vm_snapshots", SCOPED, new ListQuery(filters, q.offset(), q.limit()),
                "created_ms, id", MAPPER);
    }

    public boolean nameTaken(Handle h, String vmId, String name) {
        return h.createQuery("SELECT COUNT(*) FROM vm_snapshots WHERE vm_id = :vm AND name = :name")
                .bind("vm", vmId).bind("name", name).mapTo(Integer.class).one() > 0;
    }

    /** Whether a disk of the VM is being grown (a disk-grow task that has not finished). */
    public boolean diskGrowing(Handle h, String vmId) {
        return h.createQuery("SELECT COUNT(*) FROM disk_grows g JOIN tasks t ON t.id = g.task_id "
                        + "WHERE g.vm_id = :vm AND t.state IN ('QUEUED', 'RUNNING')")
                .bind("vm", vmId).mapTo(Integer.class).one() > 0;
    }

    public int countOf(Handle h, String vmId) {
        return h.createQuery("SELECT COUNT(*) FROM vm_snapshots WHERE vm_id = :vm").bind("vm", vmId)
                .mapTo(Integer.class).one();
    }

    /** Moves the snapshot from {@code from} to {@code to} only if it is still in {@code from}. */
    public boolean compareAndSetState(Handle h, String id, SnapshotState from, SnapshotState to) {
        return h.createUpdate("UPDATE vm_snapshots SET state = :to WHERE id = :id AND state = :from")
                .bind("id", id).bind("from", from.name()).bind("to", to.name()).execute() == 1;
    }

    /** The host has taken it: READY, with the VM state it recorded. */
    public void ready(Handle h, String id, VmState vmState) {
        h.createUpdate("UPDATE vm_snapshots SET state = 'READY', vm_state = :vmState WHERE id = :id")
                .bind("id", id).bind("vmState", vmState.name()).execute();
    }

    public void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM vm_snapshots WHERE id = :id").bind("id", id).execute();
    }
}
