package org.openvrm.manager.vm.disk;

import java.util.List;
import java.util.Set;
import org.openvrm.api.Datastore;
import org.openvrm.api.DiskGrow;
import org.openvrm.api.Task;
import org.openvrm.api.Vm.VmDisk;
import org.openvrm.core.vm.VmState;
import org.openvrm.manager.datastore.DatastoreService;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.ApiException.NotFound;
import org.openvrm.manager.error.ApiException.Unprocessable;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.task.TaskRunner;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.task.TaskType;
import org.openvrm.manager.vm.VmDefaults;
import org.openvrm.manager.vm.VmRecord;
import org.openvrm.manager.vm.VmService;
import org.openvrm.manager.vm.snapshot.SnapshotRepository;

/**
 * The API side of growing a disk: checks the request completely (the disk, the size, the VM's state, the space a
 * thick disk needs), then records the task with its arguments in one transaction and hands it to the runner.
 * {@link DiskGrowTasks} does the work on the host.
 */
public final class DiskGrowService {

    /** Where the drivers grow a disk: live while it runs or is paused, offline while it is stopped. */
    static final Set<VmState> GROWABLE = Set.of(VmState.RUNNING, VmState.SUSPENDED, VmState.STOPPED);

    private final Database db;
    private final DiskGrowRepository repo;
    private final SnapshotRepository snapshots;
    private final VmService vms;
    private final HostService hosts;
    private final DatastoreService datastores;
    private final TaskService tasks;
    private final TaskRunner runner;

    public DiskGrowService(Database db, DiskGrowRepository repo, SnapshotRepository snapshots, VmService vms,
                           HostService hosts, DatastoreService datastores, TaskService tasks, TaskRunner runner) {
        this.db = db;
        this.repo = repo;
        this.snapshots = snapshots;
        this.vms = vms;
        this.hosts = hosts;
        this.datastores = datastores;
        this.tasks = tasks;
        this.runner = runner;
    }

    public Task grow(String vmId, String diskId, DiskGrow req) {
        VmRecord vm = vms.require("id", vmId);
        VmDisk disk = vm.spec().disks().stream().filter(d -> d.id().equals(diskId)).findFirst()
                .orElseThrow(() -> new NotFound("diskId", "disk of VM " + vm.name(), diskId));
        var v = new Validator();
        v.required("sizeMb", req.sizeMb());
        v.range("sizeMb", req.sizeMb(), 1, VmDefaults.MAX_DISK_MB, "MB");
        v.throwIfInvalid();
        long size = req.sizeMb();
        if (!GROWABLE.contains(vm.state())) {
            throw new Conflict("VM_INVALID_STATE", "state", "a disk grows while its VM is RUNNING, SUSPENDED or "
                    + "STOPPED; VM " + vm.name() + " is " + vm.state());
        }
        if (size <= disk.sizeMb()) {
            throw new Unprocessable("DISK_ONLY_GROWS", "sizeMb", "disk " + disk.id() + " is " + disk.sizeMb()
                    + " MB; a disk only grows, so sizeMb must be larger than that, got " + size, List.of());
        }
        HostRecord host = hosts.require("hostId", vm.hostId());
        if (!host.state().schedulable()) {
            throw new Conflict("HOST_UNAVAILABLE", "hostId", "host " + host.name() + " is " + host.state()
                    + "; the VM cannot be reached");
        }
        if ("thick".equals(disk.provisioning())) {
            checkThickSpace(disk, size - disk.sizeMb());
        }
        Task task = db.tx(h -> {
            repo.lockVm(h, vm.id());
            int taken = snapshots.countOf(h, vm.id());
            if (taken > 0) {
                // as in vSphere: a revert to a snapshot taken before the grow would give the volume its old size
                // back while the VM's record keeps the new one
                throw new Conflict("VM_HAS_SNAPSHOTS", "id", "VM " + vm.name() + " has " + taken + " snapshot"
                        + (taken == 1 ? "" : "s") + "; a disk of a VM with snapshots cannot grow: delete them first");
            }
            if (repo.unfinished(h, vm.id(), disk.id())) {
                throw new Conflict("DISK_GROW_IN_PROGRESS", "diskId", "disk " + disk.id() + " of VM " + vm.name()
                        + " is already being grown; wait for that task to end");
            }
            Task t = tasks.record(h, TaskType.VM_DISK_GROW, "vm", vm.id(), vm.name());
            repo.insert(h, new DiskGrowRepository.Request(t.id(), vm.id(), disk.id(), size));
            return t;
        });
        runner.submit(task);
        return task;
    }

    /** A thick disk takes its whole size at once: the growth must fit what its datastore has left. */
    private void checkThickSpace(VmDisk disk, long growthMb) {
        Datastore ds = datastores.require("datastoreId", disk.datastoreId());
        long free = ds.capacityMb() - datastores.thickProvisionedMb(ds.id());
        if (growthMb > free) {
            throw new Conflict("DATASTORE_FULL", "sizeMb", "datastore " + ds.name() + " has " + free
                    + " MB left for thick disks; growing thick disk " + disk.id() + " by " + growthMb + " MB is "
                    + (growthMb - free) + " MB short");
        }
    }
}
