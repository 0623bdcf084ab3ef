package org.openvrm.manager.vm.snapshot;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.openvrm.protocol.AgentLink;
import org.openvrm.api.Task;
import org.openvrm.core.vm.VmAction;
import org.openvrm.core.vm.VmLifecycle;
import org.openvrm.core.vm.VmState;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.event.EventLog.Severity;
import org.openvrm.manager.host.HostAwait;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.task.StopSignal;
import org.openvrm.manager.task.TaskFailure;
import org.openvrm.manager.task.TaskProgress;
import org.openvrm.manager.task.TaskType;
import org.openvrm.manager.vm.VmRecord;
import org.openvrm.manager.vm.VmStates;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.CommandOutcome;

/**
 * Runs snapshot tasks on the VM's host. The host step is idempotent (an existing snapshot is kept, a missing one is
 * deleted already) and its command id derives from the task id; the record, the VM's state and the task's end are
 * one commit. So a task resumed after a crash, before or after its host step, repeats nothing and loses nothing.
 */
public final class SnapshotTasks {

    private final Database db;
    private final SnapshotRepository repo;
    private final VmStates states;
    private final HostAwait agents;
    private final StopSignal stop;

    public SnapshotTasks(Database db, SnapshotRepository repo, VmStates states, HostAwait agents,
                         StopSignal stop) {
        this.db = db;
        this.repo = repo;
        this.states = states;
        this.agents = agents;
        this.stop = stop;
    }

    public Map<String, Object> run(Task task, TaskProgress progress) {
        TaskType type = TaskType.fromWire(task.type());
        Optional<SnapshotRecord> found = db.read(h -> repo.find(h, task.targetId()));
        if (found.isEmpty()) {
            if (type == TaskType.SNAPSHOT_DELETE) {
                return Map.of(); // gone already: its VM was deleted, which removes its snapshots
            }
            throw new TaskFailure("TARGET_GONE", "snapshot " + task.targetName() + " no longer exists");
        }
        SnapshotRecord snap = found.get();
        VmRecord vm = states.find(snap.vmId()).orElseThrow(() -> new TaskFailure("TARGET_GONE",
                "the VM of snapshot " + snap.name() + " no longer exists"));
        VmState during = VmLifecycle.effect(action(type)).during(); // recorded by the request
        progress.report(5);
        String cmd = task.id() + "/" + type.wire();
        AgentCommand command = switch (type) {
            case SNAPSHOT_CREATE -> new AgentCommand.SnapshotVm(cmd, vm.id(), snap.id());
            case SNAPSHOT_REVERT -> new AgentCommand.RevertVm(cmd, vm.id(), snap.id());
            case SNAPSHOT_DELETE -> new AgentCommand.DeleteSnapshot(cmd, vm.id(), snap.id());
            default -> throw new IllegalArgumentException(type + " is not a snapshot task");
        };
        // a host that is away is waited for, and the command resent after a lost session (HostAwait)
        CommandOutcome outcome = agents.execute(vm.hostId(), command, progress.range(5, 95));
        stop.checkpoint();
        Optional<AgentLink> connected = agents.now(vm.hostId());
        switch (outcome) {
            case CommandOutcome.Succeeded s -> {
                VmState now = s.status().map(VmStates::of).orElse(VmState.UNKNOWN);
                Consumer<Handle> change = switch (type) {
                    case SNAPSHOT_CREATE -> {
                        VmState taken = connected.flatMap(a -> stateAtSnapshot(a, vm.id(), snap.id())).orElse(now);
                        yield h -> repo.ready(h, snap.id(), taken);
                    }
                    case SNAPSHOT_DELETE -> h -> repo.delete(h, snap.id());
                    default -> h -> { }; // a revert changes the VM only
                };
                var done = new EventLog.Entry(Severity.INFO, task.type(), "vm", vm.id(), "VM " + vm.name() + ": "
                        + verb(type) + " snapshot " + snap.name() + " done; the VM is " + now, task.id());
                states.move(vm, during, now, done, h -> {
                    change.accept(h);
                    progress.completeIn(h, Map.of("vmId", vm.id(), "snapshotId", snap.id()));
                });
                return Map.of("vmId", vm.id(), "snapshotId", snap.id());
            }
            // a host that stayed away (the wait gave up) cannot say what it did
            case CommandOutcome.Failed f -> throw connected.isEmpty() ? unreachable(task, type, vm, snap, during, f)
                    : failed(task, type, vm, snap, connected.get(), during, f, cmd);
        }
    }

    /** Records what the host says is true now, leaves no half-made snapshot, and fails the task. */
    private TaskFailure failed(Task task, TaskType type, VmRecord vm, SnapshotRecord snap, AgentLink agent,
                               VmState during, CommandOutcome.Failed f, String cmd) {
        Optional<DomainStatus> domain = agent.domain(vm.id());
        VmState truth = domain.map(VmStates::of).orElse(VmState.UNKNOWN);
        // the host lacks a snapshot the manager recorded (e.g. lost with its domain): the record cannot be used
        boolean lost = type != TaskType.SNAPSHOT_CREATE && f.reason() == DriverException.Reason.NOT_FOUND
                && domain.isPresent();
        if (type == TaskType.SNAPSHOT_CREATE) {
            agent.execute(new AgentCommand.DeleteSnapshot(cmd + "/undo", vm.id(), snap.id()), p -> { });
        }
        Consumer<Handle> change = type == TaskType.SNAPSHOT_CREATE || lost ? h -> repo.delete(h, snap.id())
                : type == TaskType.SNAPSHOT_DELETE
                ? h -> repo.compareAndSetState(h, snap.id(), SnapshotState.DELETING, SnapshotState.READY)
                : h -> { };
        String message = "VM " + vm.name() + ": " + verb(type) + " snapshot " + snap.name() + " failed: "
                + f.message() + "; the VM is " + truth + (lost ? "; the host does not have the snapshot, so its "
                + "record was removed" : "");
        states.move(vm, during, truth, new EventLog.Entry(Severity.ERROR, task.type(), "vm", vm.id(), message,
                task.id()), change);
        return new TaskFailure("HOST_" + f.reason().name(), verb(type) + " snapshot failed on the host: "
                + f.message() + (lost ? " (its record was removed)" : ""));
    }

    /**
     * The VM's host is not connected, so nothing can be asked of it: the VM is UNKNOWN (STOP is allowed there, and
     * the host's report settles it when it reconnects) rather than stuck in SNAPSHOTTING or REVERTING.
     */
    private TaskFailure unreachable(Task task, TaskType type, VmRecord vm, SnapshotRecord snap, VmState during,
                                    CommandOutcome.Failed f) {
        // a snapshot the host may or may not have taken is not offered as READY; one being deleted stays usable
        Consumer<Handle> change = switch (type) {
            case SNAPSHOT_CREATE -> h -> repo.delete(h, snap.id());
            case SNAPSHOT_DELETE -> h -> repo.compareAndSetState(h, snap.id(), SnapshotState.DELETING,
                    SnapshotState.READY);
            default -> h -> { };
        };
        states.move(vm, during, VmState.UNKNOWN, new EventLog.Entry(Severity.ERROR, task.type(), "vm", vm.id(),
                "VM " + vm.name() + ": " + verb(type) + " snapshot " + snap.name() + " failed: " + f.message()
                        + "; the VM is UNKNOWN until the host reports", task.id()), change);
        return new TaskFailure("HOST_UNAVAILABLE", verb(type) + " snapshot failed: " + f.message());
    }

    /** The power state the host recorded with the snapshot, in the manager's terms; empty if it cannot say. */
    private static Optional<VmState> stateAtSnapshot(AgentLink agent, String vmId, String snapshotId) {
        try {
            return agent.snapshots(vmId).stream().filter(i -> i.snapshotId().equals(snapshotId)).findFirst()
                    .map(SnapshotInfo::stateAtSnapshot).map(p -> VmStates.of(new DomainStatus(vmId, p, 0)));
        } catch (DriverException e) {
            return Optional.empty(); // the state after the step is the same unless the guest changed it meanwhile
        }
    }

    private static VmAction action(TaskType type) {
        return switch (type) {
            case SNAPSHOT_CREATE -> VmAction.SNAPSHOT;
            case SNAPSHOT_REVERT -> VmAction.REVERT;
            case SNAPSHOT_DELETE -> VmAction.DELETE_SNAPSHOT;
            default -> throw new IllegalArgumentException(type + " is not a snapshot task");
        };
    }

    private static String verb(TaskType type) {
        return switch (type) {
            case SNAPSHOT_CREATE -> "take";
            case SNAPSHOT_REVERT -> "revert to";
            case SNAPSHOT_DELETE -> "delete";
            default -> type.wire();
        };
    }
}
