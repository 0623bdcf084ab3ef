package org.openvrm.manager.vm.snapshot;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.openvrm.api.Page;
import org.openvrm.api.Snapshot;
import org.openvrm.api.SnapshotCreate;
import org.openvrm.api.Task;
import org.openvrm.core.vm.Transition;
import org.openvrm.core.vm.VmAction;
import org.openvrm.core.vm.VmLifecycle;
import org.openvrm.core.vm.VmState;
import org.openvrm.manager.Ids;
import org.openvrm.manager.cluster.ClusterService;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.ApiException.NotFound;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.host.HostLedger;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.placement.PlacementService;
import org.openvrm.manager.store.Constraints;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.task.TaskRunner;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.task.TaskType;
import org.openvrm.manager.vm.VmRecord;
import org.openvrm.manager.vm.VmRepository;
import org.openvrm.manager.vm.VmService;

/**
 * The API side of snapshots: checks a request completely, then records the VM's transitional state, the snapshot
 * record and the task in one transaction and hands the task to the runner. {@link SnapshotTasks} talks to hosts.
 */
public final class SnapshotService {

    /** The code of a snapshot name already used by another snapshot of the same VM. */
    public static final String NAME_TAKEN = "SNAPSHOT_NAME_TAKEN";

    private final Database db;
    private final SnapshotRepository repo;
    private final VmRepository vmRepo;
    private final VmService vms;
    private final HostService hosts;
    private final ClusterService clusters;
    private final PlacementService placement;
    private final HostLedger ledger;
    private final TaskService tasks;
    private final TaskRunner runner;
    private final Clock clock;
    private final Ids ids;

    public SnapshotService(Database db, SnapshotRepository repo, VmRepository vmRepo, VmService vms,
                           HostService hosts, ClusterService clusters, PlacementService placement, HostLedger ledger,
                           TaskService tasks, TaskRunner runner, Clock clock, Ids ids) {
        this.db = db;
        this.repo = repo;
        this.vmRepo = vmRepo;
        this.vms = vms;
        this.hosts = hosts;
        this.clusters = clusters;
        this.placement = placement;
        this.ledger = ledger;
        this.tasks = tasks;
        this.runner = runner;
        this.clock = clock;
        this.ids = ids;
    }

    public Task create(String vmId, SnapshotCreate req) {
        var v = new Validator();
        v.name("name", req.name());
        v.description("description", req.description());
        v.throwIfInvalid();
        VmRecord vm = vms.require("id", vmId);
        Transition.Allowed allowed = begin(vm, VmAction.SNAPSHOT);
        String snapshotId = ids.next("snap"); // 21 characters of [a-z0-9-]: a valid hypervisor snapshot name
        Task task = Constraints.guard(() -> db.tx(h -> {
            if (repo.nameTaken(h, vm.id(), req.name())) {
                throw nameTaken(vm, req.name());
            }
            moveVm(h, vm, allowed.during()); // locks the VM's row: a grow requested now waits, then sees this one
            if (repo.diskGrowing(h, vm.id())) {
                throw new Conflict("DISK_GROW_IN_PROGRESS", "id", "a disk of VM " + vm.name()
                        + " is being grown; take the snapshot when that task has ended");
            }
            Task t = tasks.record(h, TaskType.SNAPSHOT_CREATE, "snapshot", snapshotId, req.name());
            repo.insert(h, new SnapshotRecord(snapshotId, vm.id(), req.name(), req.description(),
                    SnapshotState.CREATING, null, t.id(), clock.instant()));
            return t;
        }), () -> nameTaken(vm, req.name()), null);
        // the ledger keeps the VM's flag: taking a snapshot neither claims nor frees host capacity
        runner.submit(task);
        return task;
    }

    /**
     * Goes back to a snapshot. When the snapshot ran (or was paused) and the VM holds no capacity now, the VM's host
     * must admit it first, exactly as for a power-on.
     */
    public Task revert(String vmId, String snapshotId) {
        VmRecord vm = vms.require("id", vmId);
        SnapshotRecord s = requireReady(vm, snapshotId);
        Transition.Allowed allowed = begin(vm, VmAction.REVERT);
        VmState target = s.vmState();
        boolean claims = target.poweredOn() && !vm.state().poweredOn();
        Supplier<Task> claim = () -> {
            if (claims) {
                HostRecord host = hosts.require("hostId", vm.hostId());
                boolean overcommit = clusters.require("clusterId", vm.clusterId()).memoryOvercommit();
                List<String> reasons = placement.admitStart(vm.id(), vm.spec().demand(), host, overcommit);
                if (!reasons.isEmpty()) {
                    throw new Conflict("INSUFFICIENT_CAPACITY", null, "VM " + vm.name() + " cannot go back to "
                            + "running snapshot " + s.name() + ": " + reasons.getFirst(), reasons);
                }
            }
            Task t = db.tx(h -> {
                if (repo.find(h, s.id()).map(r -> r.state() != SnapshotState.READY).orElse(true)) {
                    throw notReady(s);
                }
                moveVm(h, vm, allowed.during());
                return tasks.record(h, TaskType.SNAPSHOT_REVERT, "snapshot", s.id(), s.name());
            });
            // while it reverts the VM holds what it held before or will hold after, whichever is more
            ledger.setPoweredOn(vm.hostId(), vm.id(), vm.state().poweredOn() || target.poweredOn());
            return t;
        };
        Task task = claims ? placement.exclusively(claim) : claim.get();
        runner.submit(task);
        return task;
    }

    public Task delete(String vmId, String snapshotId) {
        VmRecord vm = vms.require("id", vmId);
        SnapshotRecord s = requireReady(vm, snapshotId);
        Transition.Allowed allowed = begin(vm, VmAction.DELETE_SNAPSHOT);
        Task task = db.tx(h -> {
            if (!repo.compareAndSetState(h, s.id(), SnapshotState.READY, SnapshotState.DELETING)) {
                throw notReady(s);
            }
            moveVm(h, vm, allowed.during());
            return tasks.record(h, TaskType.SNAPSHOT_DELETE, "snapshot", s.id(), s.name());
        });
        runner.submit(task);
        return task;
    }

    public Snapshot get(String vmId, String snapshotId) {
        return view(require(vms.require("id", vmId), snapshotId));
    }

    public Page<Snapshot> list(String vmId, ListQuery q) {
        VmRecord vm = vms.require("id", vmId);
        Page<SnapshotRecord> page = db.read(h -> repo.list(h, vm.id(), q));
        return new Page<>(page.items().stream().map(SnapshotService::view).toList(), page.total(), page.offset(),
                page.limit());
    }

    /** Legal in the VM's state (409 otherwise), on a host that can be reached. */
    private Transition.Allowed begin(VmRecord vm, VmAction action) {
        Transition t = VmLifecycle.begin(vm.state(), action);
        if (t instanceof Transition.Rejected r) {
            throw new Conflict(r.code(), "state", r.message());
        }
        HostRecord host = hosts.require("hostId", vm.hostId());
        if (!host.state().schedulable()) {
            throw new Conflict("HOST_UNAVAILABLE", "hostId", "host " + host.name() + " is " + host.state()
                    + "; the VM cannot be reached");
        }
        return (Transition.Allowed) t;
    }

    private void moveVm(org.jdbi.v3.core.Handle h, VmRecord vm, VmState during) {
        if (!vmRepo.compareAndSetState(h, vm.id(), vm.state(), during, clock.instant())) {
            throw new Conflict("VM_STATE_CHANGED", "state", "VM " + vm.name()
                    + " changed state while this request was checked; look again and retry");
        }
    }

    private SnapshotRecord require(VmRecord vm, String snapshotId) {
        return db.read(h -> repo.find(h, snapshotId)).filter(s -> s.vmId().equals(vm.id()))
                .orElseThrow(() -> new NotFound("snapshotId", "snapshot of VM " + vm.name(), snapshotId));
    }

    private SnapshotRecord requireReady(VmRecord vm, String snapshotId) {
        SnapshotRecord s = require(vm, snapshotId);
        if (s.state() != SnapshotState.READY) {
            throw notReady(s);
        }
        return s;
    }

    private static Conflict notReady(SnapshotRecord s) {
        return new Conflict("SNAPSHOT_NOT_READY", "snapshotId", "snapshot " + s.name() + " is " + s.state()
                + "; only a READY snapshot can be reverted to or deleted");
    }

    private static Conflict nameTaken(VmRecord vm, String name) {
        return new Conflict(NAME_TAKEN, "name", "VM " + vm.name() + " already has a snapshot named '" + name + "'");
    }

    static Snapshot view(SnapshotRecord s) {
        return new Snapshot(s.id(), s.vmId(), s.name(), s.description(), s.state().name(),
                s.vmState() == null ? null : s.vmState().name(), s.taskId(), s.createdAt());
    }
}
