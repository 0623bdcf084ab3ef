package org.openvrm.manager.vm.disk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openvrm.api.Vm.VmDisk;
import org.openvrm.manager.Json;
import org.openvrm.manager.vm.VmSpec;

/** The arguments of disk-grow tasks, and the one write that records a grown disk on its VM. */
public final class DiskGrowRepository {

    /** What one grow task was asked to do. */
    public record Request(String taskId, String vmId, String diskId, long sizeMb) {}

    private final Json json;

    public DiskGrowRepository(Json json) {
        this.json = json;
    }

    public void insert(Handle h, Request r) {
        h.createUpdate("INSERT INTO disk_grows (task_id, vm_id, disk_id, size_mb) VALUES (:task, :vm, :disk, :size)")
                .bind("task", r.taskId()).bind("vm", r.vmId()).bind("disk", r.diskId()).bind("size", r.sizeMb())
                .execute();
    }

    public Optional<Request> find(Handle h, String taskId) {
        return h.createQuery("SELECT * FROM disk_grows WHERE task_id = :task").bind("task", taskId)
                .map((rs, ctx) -> new Request(rs.getString("task_id"), rs.getString("vm_id"),
                        rs.getString("disk_id"), rs.getLong("size_mb")))
                .findOne();
    }

    /**
     * Locks the VM's row until the transaction ends, so that a grow and a snapshot of the same VM, requested at
     * once, are decided one after the other (a snapshot locks the row too, by moving the VM's state).
     */
    public void lockVm(Handle h, String vmId) {
        h.createQuery("SELECT id FROM vms WHERE id = :id FOR UPDATE").bind("id", vmId).mapTo(String.class).findOne();
    }

    /** Whether a grow of this disk has a task that has not finished: a second one would race it. */
    public boolean unfinished(Handle h, String vmId, String diskId) {
        return h.createQuery("SELECT COUNT(*) FROM disk_grows g JOIN tasks t ON t.id = g.task_id "
                        + "WHERE g.vm_id = :vm AND g.disk_id = :disk AND t.state IN ('QUEUED', 'RUNNING')")
                .bind("vm", vmId).bind("disk", diskId).mapTo(Integer.class).one() > 0;
    }

    /**
     * Records the disk's new size on its VM (the spec and the datastore index), never shrinking it: of two grows,
     * the larger size stands whichever ends last. The VM's row is locked while its spec is rewritten. The generation
     * is left alone on purpose: the host grew the disk in place, so the definition it holds matches the new spec
     * without a redefine. Returns false when the VM or the disk no longer exists.
     */
    public boolean recordSize(Handle h, String vmId, String diskId, long sizeMb, Instant now) {
        Optional<String> stored = h.createQuery("SELECT spec FROM vms WHERE id = :id FOR UPDATE").bind("id", vmId)
                .mapTo(String.class).findOne();
        if (stored.isEmpty()) {
            return false;
        }
        VmSpec spec = json.readStored(stored.get(), VmSpec.class);
        var disks = new ArrayList<VmDisk>();
        VmDisk grown = null;
        for (VmDisk d : spec.disks()) {
            if (d.id().equals(diskId)) {
                grown = new VmDisk(d.id(), d.index(), Math.max(d.sizeMb(), sizeMb), d.datastoreId(),
                        d.provisioning(), d.bus(), d.ioLimits(), d.image());
                disks.add(grown);
            } else {
                disks.add(d);
            }
        }
        if (grown == null) {
            return false;
        }
        var newSpec = new VmSpec(spec.vcpus(), spec.maxVcpus(), spec.memoryMb(), spec.cpuQos(), spec.memoryQos(),
                disks, spec.nics(), spec.bootOrder());
        h.createUpdate("UPDATE vms SET spec = :spec, updated_ms = :now WHERE id = :id")
                .bind("spec", json.write(newSpec)).bind("now", now.toEpochMilli()).bind("id", vmId).execute();
        h.createUpdate("UPDATE vm_disks SET size_mb = :size WHERE vm_id = :vm AND disk_index = :index")
                .bind("size", grown.sizeMb()).bind("vm", vmId).bind("index", grown.index()).execute();
        return true;
    }
}
