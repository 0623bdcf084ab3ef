package org.openvrm.core.vm;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The VM state machine: in which states each action is legal and what it moves the VM through.
 * The whole table is the switch in {@link #rule}; a new action does not compile without its row.
 */
public final class VmLifecycle {

    /** The code of every rejection: the action is not legal in the VM's current state. */
    public static final String INVALID_STATE = "VM_INVALID_STATE";

    private VmLifecycle() {
    }

    /** Whether {@code action} may start on a VM in state {@code current}, and with which states. */
    public static Transition begin(VmState current, VmAction action) {
        Objects.requireNonNull(current, "current is null");
        Rule rule = rule(action);
        if (rule.from().contains(current)) {
            return rule.allowed();
        }
        return new Transition.Rejected(INVALID_STATE,
                "cannot " + action.verb() + " a VM that is " + current + "; " + action.verb()
                        + " is allowed when the VM is " + orList(rule.from()));
    }

    /**
     * What {@code action} moves a VM through, whatever state it started from: how a task resumed after a
     * restart knows which state to leave and which to reach.
     */
    public static Transition.Allowed effect(VmAction action) {
        return rule(action).allowed();
    }

    /** The states in which {@code action} is legal, in table order. */
    public static List<VmState> allowedFrom(VmAction action) {
        return rule(action).from();
    }

    private static Rule rule(VmAction action) {
        Objects.requireNonNull(action, "action is null");
        return switch (action) {
            case START -> new Rule(List.of(VmState.STOPPED, VmState.CRASHED, VmState.HIBERNATED),
                    Transition.Allowed.to(VmState.STARTING, VmState.RUNNING));
            case SHUTDOWN -> new Rule(List.of(VmState.RUNNING),
                    Transition.Allowed.to(VmState.STOPPING, VmState.STOPPED));
            // STOP while STOPPING is deliberate: it forces a guest that ignores a safe shutdown;
            // while REBOOTING, CRASHED or UNKNOWN it is the way out of a stuck or unknown guest; from HIBERNATED it
            // discards the saved memory.
            case STOP -> new Rule(List.of(VmState.RUNNING, VmState.SUSPENDED, VmState.STOPPING,
                    VmState.REBOOTING, VmState.CRASHED, VmState.UNKNOWN, VmState.HIBERNATED),
                    Transition.Allowed.to(VmState.STOPPING, VmState.STOPPED));
            case REBOOT -> new Rule(List.of(VmState.RUNNING),
                    Transition.Allowed.to(VmState.REBOOTING, VmState.RUNNING));
            case SUSPEND -> new Rule(List.of(VmState.RUNNING),
                    Transition.Allowed.to(VmState.SUSPENDING, VmState.SUSPENDED));
            case RESUME -> new Rule(List.of(VmState.SUSPENDED),
                    Transition.Allowed.to(VmState.RESUMING, VmState.RUNNING));
            case DELETE -> new Rule(List.of(VmState.STOPPED, VmState.CRASHED, VmState.HIBERNATED),
                    Transition.Allowed.removing(VmState.DELETING));
            case HIBERNATE -> new Rule(List.of(VmState.RUNNING, VmState.SUSPENDED),
                    Transition.Allowed.to(VmState.HIBERNATING, VmState.HIBERNATED));
            // The hypervisor cannot snapshot a crashed or hibernated domain; reverting (which discards saved memory)
            // and deleting a snapshot work in any steady state.
            case SNAPSHOT -> new Rule(List.of(VmState.STOPPED, VmState.RUNNING, VmState.SUSPENDED),
                    Transition.Allowed.asHostReports(VmState.SNAPSHOTTING));
            case REVERT -> new Rule(List.of(VmState.STOPPED, VmState.RUNNING, VmState.SUSPENDED, VmState.CRASHED,
                    VmState.HIBERNATED),
                    Transition.Allowed.asHostReports(VmState.REVERTING));
            case DELETE_SNAPSHOT -> new Rule(List.of(VmState.STOPPED, VmState.RUNNING, VmState.SUSPENDED,
                    VmState.CRASHED, VmState.HIBERNATED), Transition.Allowed.asHostReports(VmState.SNAPSHOTTING));
        };
    }

    /** "A", "A or B", "A, B or C". */
    private static String orList(List<VmState> states) {
        if (states.size() == 1) {
            return states.getFirst().name();
        }
        String head = states.subList(0, states.size() - 1).stream()
                .map(VmState::name).collect(Collectors.joining(", "));
        return head + " or " + states.getLast();
    }

    private record Rule(List<VmState> from, Transition.Allowed allowed) {
    }
}
