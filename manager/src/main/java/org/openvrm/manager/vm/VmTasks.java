package org.openvrm.manager.vm;

import java.util.Map;
import java.util.Optional;
import org.openvrm.protocol.AgentLink;
import org.openvrm.api.Task;
import org.openvrm.core.vm.Transition;
import org.openvrm.core.vm.VmAction;
import org.openvrm.core.vm.VmLifecycle;
import org.openvrm.core.vm.VmState;
import org.openvrm.driver.DriverException;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.event.EventLog.Severity;
import org.openvrm.manager.host.HostAwait;
import org.openvrm.manager.task.TaskFailure;
import org.openvrm.manager.task.TaskProgress;
import org.openvrm.manager.task.StopSignal;
import org.openvrm.manager.task.TaskType;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.CommandOutcome;

/**
 * Runs VM tasks on the VM's host. Every step is idempotent, and command ids are derived from the task id, so a task
 * resumed after a manager restart repeats nothing the host already did. Commands go through {@link HostAwait}: a
 * host that is away is waited for, and a command whose session ended before its answer is sent again.
 */
public final class VmTasks {

    private final VmStates states;
    private final HostAwait hosts;
    private final DomainSpecs specs;
    private final long shutdownTimeoutMillis;
    private final StopSignal stop;
    private final EventLog events;
    private final TuningSync tunings;

    public VmTasks(VmStates states, HostAwait hosts, DomainSpecs specs,
                   long shutdownTimeoutMillis, StopSignal stop, EventLog events) {
        this.stop = stop;
        this.events = events;
        this.tunings = new TuningSync(specs);
        this.states = states;
        this.hosts = hosts;
        this.specs = specs;
        this.shutdownTimeoutMillis = shutdownTimeoutMillis;
    }

    public Map<String, Object> run(Task task, TaskProgress progress) {
        TaskType type = TaskType.fromWire(task.type());
        Optional<VmRecord> found = states.find(task.targetId());
        if (found.isEmpty()) {
            if (type == TaskType.VM_DELETE) {
                return Map.of(); // deleted before a restart cut the task short
            }
            throw new TaskFailure("TARGET_GONE", "VM " + task.targetName() + " no longer exists");
        }
        VmRecord vm = found.get();
        progress.report(5);
        String cmd = task.id() + "/" + type.wire();
        if (type == TaskType.VM_CREATE) {
            return create(task, vm, progress, cmd);
        }
        VmAction action = action(type);
        AgentCommand command = switch (action) {
            case START -> new AgentCommand.StartVm(cmd, vm.id());
            case SHUTDOWN -> new AgentCommand.ShutdownVm(cmd, vm.id(), shutdownTimeoutMillis);
            case STOP -> new AgentCommand.StopVm(cmd, vm.id());
            case REBOOT -> new AgentCommand.RebootVm(cmd, vm.id());
            case SUSPEND -> new AgentCommand.SuspendVm(cmd, vm.id());
            case RESUME -> new AgentCommand.ResumeVm(cmd, vm.id());
            case DELETE -> new AgentCommand.UndefineVm(cmd, vm.id());
            case HIBERNATE -> new AgentCommand.HibernateVm(cmd, vm.id());
            case SNAPSHOT, REVERT, DELETE_SNAPSHOT -> throw new IllegalArgumentException(action
                    + " is a snapshot task, run by SnapshotTasks");
        };
        Transition.Allowed effect = VmLifecycle.effect(action);
        // waits for a host that is away and resends after a lost session (HostAwait); Failed if it gave up
        CommandOutcome outcome = hosts.execute(vm.hostId(), command, progress.range(5, 95));
        stop.checkpoint();
        switch (outcome) {
            case CommandOutcome.Succeeded s -> {
                if (action == VmAction.START) {
                    hosts.now(vm.hostId()).ifPresent(agent -> retune(task, vm, agent, cmd));
                }
                var done = new EventLog.Entry(Severity.INFO, task.type(), "vm", vm.id(), "VM " + vm.name() + ": "
                        + action.verb() + " done", task.id());
                if (effect.removes()) {
                    states.remove(vm, done, h -> progress.completeIn(h, Map.of()));
                } else {
                    states.move(vm, effect.during(), effect.onSuccess().orElseThrow(), done,
                            h -> progress.completeIn(h, Map.of()));
                }
                return Map.of();
            }
            case CommandOutcome.Failed f -> {
                // The host says what is true now; record that rather than guess. A host that stayed away (the wait
                // gave up) cannot say: the VM is UNKNOWN, and keeps the state it had, until the host reports.
                VmState truth = truth(vm);
                states.move(vm, effect.during(), truth, new EventLog.Entry(Severity.ERROR, task.type(), "vm",
                        vm.id(), "VM " + vm.name() + ": " + action.verb() + " failed: " + f.message()
                        + "; the VM is " + truth, task.id()), h -> { });
                throw new TaskFailure(code(f.reason()), action.verb() + " failed on the host: " + f.message());
            }
        }
    }

    /**
     * After a power-on, brings the host's tuning to the VM's QoS if it differs: a port group change that could not
     * reach the VM (hibernated, host away) converges here. A refusal does not fail the start, it is an event.
     */
    private void retune(Task task, VmRecord vm, AgentLink agent, String cmd) {
        tunings.sync(vm, agent, cmd + "/tune").ifPresent(problem -> events.record(Severity.WARNING, task.type(),
                "vm", vm.id(), "VM " + vm.name() + " started, but its QoS could not be brought up to date: "
                        + problem, task.id()));
    }

    /**
     * Defines the VM on its host; on failure nothing is left behind, neither on the host nor in the inventory. A
     * host that stayed away cannot be asked to undo, and may or may not have the domain (the define may have
     * reached it before its session ended): the VM becomes UNKNOWN, never left CREATING, and the host's next report
     * settles it (a host that has it reports its state; one that does not defines it, stopped: invariant 6). A VM
     * whose host was removed meanwhile is deleted (there is nothing left to settle it with).
     */
    private Map<String, Object> create(Task task, VmRecord vm, TaskProgress progress, String cmd) {
        var outcome = hosts.execute(vm.hostId(), new AgentCommand.DefineVm(cmd, specs.of(vm)), progress.range(5, 95));
        stop.checkpoint();
        if (outcome instanceof CommandOutcome.Failed f) {
            Optional<AgentLink> agent = hosts.now(vm.hostId());
            if (f.reason() == DriverException.Reason.UNAVAILABLE && agent.isEmpty()) {
                throw hostAway(task, vm, f);
            }
            agent.ifPresent(a -> a.execute(new AgentCommand.UndefineVm(cmd + "/undo", vm.id()), p -> { }));
            states.remove(vm, new EventLog.Entry(Severity.ERROR, task.type(), "vm", vm.id(), "VM " + vm.name()
                    + " was not created: " + f.message(), task.id()), h -> { });
            throw new TaskFailure(code(f.reason()), "the host could not define VM " + vm.name() + ": " + f.message());
        }
        Map<String, Object> result = Map.of("vmId", vm.id(), "hostId", vm.hostId());
        states.move(vm, VmState.CREATING, VmState.STOPPED, new EventLog.Entry(Severity.INFO, task.type(), "vm",
                vm.id(), "VM " + vm.name() + " created", task.id()), h -> progress.completeIn(h, result));
        return result;
    }

    /** A create whose host stayed away: see {@link #create}. */
    private TaskFailure hostAway(Task task, VmRecord vm, CommandOutcome.Failed f) {
        if (hosts.recorded(vm.hostId())) {
            states.move(vm, VmState.CREATING, VmState.UNKNOWN, new EventLog.Entry(Severity.WARNING, "vm.unknown",
                    "vm", vm.id(), "VM " + vm.name() + " was CREATING; " + f.message() + ", so whether it was defined"
                    + " there is unknown until the host reports (a host that lacks it defines it, stopped)",
                    task.id()), h -> { });
        } else {
            states.remove(vm, new EventLog.Entry(Severity.ERROR, task.type(), "vm", vm.id(), "VM " + vm.name()
                    + " was not created: " + f.message(), task.id()), h -> { });
        }
        return new TaskFailure("HOST_UNAVAILABLE", "VM " + vm.name() + " could not be created: " + f.message());
    }

    /** What the host reports now, or UNKNOWN when it has no usable link. */
    private VmState truth(VmRecord vm) {
        return hosts.now(vm.hostId()).map(a -> truth(a, vm)).orElse(VmState.UNKNOWN);
    }

    /**
     * The VM's state as its host reports it now; UNKNOWN when the host cannot answer either (e.g. libvirtd is down),
     * so the task still ends and the VM is not left in a transitional state. The host's next report settles it.
     */
    private static VmState truth(AgentLink agent, VmRecord vm) {
        try {
            return agent.domain(vm.id()).map(VmStates::of).orElse(VmState.UNKNOWN);
        } catch (DriverException e) {
            return VmState.UNKNOWN;
        }
    }

    private static VmAction action(TaskType type) {
        return switch (type) {
            case VM_START -> VmAction.START;
            case VM_SHUTDOWN -> VmAction.SHUTDOWN;
            case VM_STOP -> VmAction.STOP;
            case VM_REBOOT -> VmAction.REBOOT;
            case VM_SUSPEND -> VmAction.SUSPEND;
            case VM_RESUME -> VmAction.RESUME;
            case VM_DELETE -> VmAction.DELETE;
            case VM_HIBERNATE -> VmAction.HIBERNATE;
            default -> throw new IllegalArgumentException(type + " is not a VM action");
        };
    }

    /** Stable task error codes for what the host reported. */
    static String code(DriverException.Reason reason) {
        return "HOST_" + reason.name();
    }
}
