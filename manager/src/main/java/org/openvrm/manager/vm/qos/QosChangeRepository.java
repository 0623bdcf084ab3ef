package org.openvrm.manager.vm.qos;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openvrm.api.VmQosUpdate;
import org.openvrm.manager.Json;
import org.openvrm.manager.vm.VmSpec;

/** The arguments of vm.qos.update tasks, and the one write that records a VM's new QoS in its spec. */
public final class QosChangeRepository {

    /** What one task was asked to do: the change, validated and completed. */
    record Request(String taskId, String vmId, VmQosUpdate change) {}

    private final Json json;

    public QosChangeRepository(Json json) {
        this.json = json;
    }

    void insert(Handle h, Request r) {
        h.createUpdate("INSERT INTO vm_qos_changes (task_id, vm_id, qos_change) VALUES (:task, :vm, :change)")
                .bind("task", r.taskId()).bind("vm", r.vmId()).bind("change", json.write(r.change())).execute();
    }

    Optional<Request> find(Handle h, String taskId) {
        return h.createQuery("SELECT * FROM vm_qos_changes WHERE task_id = :task").bind("task", taskId)
                .map((rs, ctx) -> new Request(rs.getString("task_id"), rs.getString("vm_id"),
                        json.readStored(rs.getString("qos_change"), VmQosUpdate.class)))
                .findOne();
    }

    /** Whether the VM has a QoS change whose task has not finished: a second one would race it for the ledger. */
    boolean unfinished(Handle h, String vmId) {
        return h.createQuery("SELECT COUNT(*) FROM vm_qos_changes c JOIN tasks t ON t.id = c.task_id "
                        + "WHERE c.vm_id = :vm AND t.state IN ('QUEUED', 'RUNNING')")
                .bind("vm", vmId).mapTo(Integer.class).one() > 0;
    }

    /**
     * Locks the VM's row until the transaction ends, so two changes of one VM are decided one after the other, and
     * returns its state now (empty when it was deleted meanwhile).
     */
    Optional<String> lockVm(Handle h, String vmId) {
        return h.createQuery("SELECT state FROM vms WHERE id = :id FOR UPDATE").bind("id", vmId).mapTo(String.class)
                .findOne();
    }

    /**
     * Applies the change to the VM's stored spec (row locked meanwhile); the generation is kept, as the host tuned
     * the domain in place. Returns the new spec, or empty when the VM no longer exists.
     */
    Optional<VmSpec> record(Handle h, String vmId, VmQosUpdate change, Instant now) {
        Optional<String> stored = h.createQuery("SELECT spec FROM vms WHERE id = :id FOR UPDATE").bind("id", vmId)
                .mapTo(String.class).findOne();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        VmSpec spec = QosChanges.apply(json.readStored(stored.get(), VmSpec.class), change);
        h.createUpdate("UPDATE vms SET spec = :spec, updated_ms = :now WHERE id = :id")
                .bind("spec", json.write(spec)).bind("now", now.toEpochMilli()).bind("id", vmId).execute();
        return Optional.of(spec);
    }
}
