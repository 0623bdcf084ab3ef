package org.openvrm.core.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VmLifecycleTest {

    /**
     * Every (state, action) pair. A cell is "-" (rejected), "DURING>SUCCESS", "DURING>gone" when success removes
     * the VM, or "DURING>host" when success records the state the host reports (the snapshot actions). Columns
     * follow VmAction's order; DEL_SNAP is DELETE_SNAPSHOT.
     */
    private static final String TABLE = """
            state         START             SHUTDOWN          STOP              REBOOT             SUSPEND               RESUME            DELETE         HIBERNATE               SNAPSHOT           REVERT          DEL_SNAP
            CREATING      -                 -                 -                 -                  -                     -                 -              -                       -                  -               -
            STOPPED       STARTING>RUNNING  -                 -                 -                  -                     -                 DELETING>gone  -                       SNAPSHOTTING>host  REVERTING>host  SNAPSHOTTING>host
            STARTING      -                 -                 -                 -                  -                     -                 -              -                       -                  -               -
            RUNNING       -                 STOPPING>STOPPED  STOPPING>STOPPED  REBOOTING>RUNNING  SUSPENDING>SUSPENDED  -                 -              HIBERNATING>HIBERNATED  SNAPSHOTTING>host  REVERTING>host  SNAPSHOTTING>host
            STOPPING      -                 -                 STOPPING>STOPPED  -                  -                     -                 -              -                       -                  -               -
            REBOOTING     -                 -                 STOPPING>STOPPED  -                  -                     -                 -              -                       -                  -               -
            SUSPENDING    -                 -                 -                 -                  -                     -                 -              -                       -                  -               -
            SUSPENDED     -                 -                 STOPPING>STOPPED  -                  -                     RESUMING>RUNNING  -              HIBERNATING>HIBERNATED  SNAPSHOTTING>host  REVERTING>host  SNAPSHOTTING>host
            RESUMING      -                 -                 -                 -                  -                     -                 -              -                       -                  -               -
            DELETING      -                 -                 -                 -                  -                     -                 -              -                       -                  -               -
            HIBERNATING   -                 -                 -                 -                  -                     -                 -              -                       -                  -               -
            HIBERNATED    STARTING>RUNNING  -                 STOPPING>STOPPED  -                  -                     -                 DELETING>gone  -                       -                  REVERTING>host  SNAPSHOTTING>host
            SNAPSHOTTING  -                 -                 -                 -                  -                     -                 -              -                       -                  -               -
            REVERTING     -                 -                 -                 -                  -                     -                 -              -                       -                  -               -
            CRASHED       STARTING>RUNNING  -                 STOPPING>STOPPED  -                  -                     -                 DELETING>gone  -                       -                  REVERTING>host  SNAPSHOTTING>host
            UNKNOWN       -                 -                 STOPPING>STOPPED  -                  -                     -                 -              -                       -                  -               -
            """;

    record Cell(VmState state, VmAction action, String expected) {
        @Override
        public String toString() {
            return state + " + " + action + " -> " + expected;
        }
    }

    static List<Cell> cells() {
        List<String> lines = TABLE.lines().toList();
        List<VmAction> actions = Arrays.stream(lines.getFirst().trim().split("\\s+")).skip(1)
                .map(a -> VmAction.valueOf(a.equals("DEL_SNAP") ? "DELETE_SNAPSHOT" : a)).toList();
        var cells = new ArrayList<Cell>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.trim().split("\\s+");
            for (int i = 0; i < actions.size(); i++) {
                cells.add(new Cell(VmState.valueOf(parts[0]), actions.get(i), parts[i + 1]));
            }
        }
        return cells;
    }

    @Test
    void tableCoversEveryPairExactlyOnce() {
        List<Cell> cells = cells();
        assertThat(cells).hasSize(VmState.values().length * VmAction.values().length); // 16 x 11 = 176
        assertThat(cells.stream().map(c -> c.state() + "/" + c.action()).distinct()).hasSize(176);
        assertThat(cells.stream().map(Cell::state).distinct()).containsExactlyInAnyOrder(VmState.values());
        assertThat(cells.stream().map(Cell::action).distinct()).containsExactlyInAnyOrder(VmAction.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void everyStateAndAction(Cell cell) {
        Transition t = VmLifecycle.begin(cell.state(), cell.action());
        String actual = switch (t) {
            case Transition.Allowed a -> a.during() + ">" + a.onSuccess().map(VmState::name)
                    .orElse(a.removes() ? "gone" : "host");
            case Transition.Rejected r -> {
                assertThat(r.code()).isEqualTo(VmLifecycle.INVALID_STATE);
                assertThat(r.message()).startsWith("cannot " + cell.action().verb() + " a VM that is " + cell.state());
                yield "-";
            }
        };
        assertThat(actual).isEqualTo(cell.expected());
        assertThat(VmLifecycle.allowedFrom(cell.action()).contains(cell.state())).isEqualTo(!actual.equals("-"));
    }

    @Test
    void rejectionSaysWhereTheActionIsAllowed() {
        assertThat(VmLifecycle.begin(VmState.RUNNING, VmAction.START)).isEqualTo(new Transition.Rejected(
                "VM_INVALID_STATE",
                "cannot start a VM that is RUNNING; start is allowed when the VM is STOPPED, CRASHED or HIBERNATED"));
        assertThat(VmLifecycle.begin(VmState.STOPPED, VmAction.SHUTDOWN)).isEqualTo(new Transition.Rejected(
                "VM_INVALID_STATE",
                "cannot shut down a VM that is STOPPED; shut down is allowed when the VM is RUNNING"));
        assertThat(VmLifecycle.begin(VmState.STOPPED, VmAction.STOP)).isEqualTo(new Transition.Rejected(
                "VM_INVALID_STATE",
                "cannot stop a VM that is STOPPED; stop is allowed when the VM is "
                        + "RUNNING, SUSPENDED, STOPPING, REBOOTING, CRASHED, UNKNOWN or HIBERNATED"));
        assertThat(VmLifecycle.begin(VmState.HIBERNATED, VmAction.SNAPSHOT)).isEqualTo(new Transition.Rejected(
                "VM_INVALID_STATE",
                "cannot snapshot a VM that is HIBERNATED; snapshot is allowed when the VM is "
                        + "STOPPED, RUNNING or SUSPENDED"));
    }

    @Test
    void deleteRemovesTheVm() {
        var allowed = (Transition.Allowed) VmLifecycle.begin(VmState.STOPPED, VmAction.DELETE);
        assertThat(allowed.removes()).isTrue();
        assertThat(allowed.onSuccess()).isEmpty();
        var start = (Transition.Allowed) VmLifecycle.begin(VmState.STOPPED, VmAction.START);
        assertThat(start.removes()).isFalse();
        assertThat(start.onSuccess()).isEqualTo(Optional.of(VmState.RUNNING));
        var snapshot = (Transition.Allowed) VmLifecycle.begin(VmState.RUNNING, VmAction.SNAPSHOT);
        assertThat(snapshot.removes()).as("a snapshot action keeps the VM").isFalse();
        assertThat(snapshot.onSuccess()).as("its end state is the host's answer").isEmpty();
    }

    @Test
    void anActionThatRemovesTheVmHasNoStateOnSuccess() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Transition.Allowed(VmState.DELETING,
                Optional.of(VmState.STOPPED), true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDuringStateOfEveryActionIsTransitional() {
        for (VmAction action : VmAction.values()) {
            VmState from = VmLifecycle.allowedFrom(action).getFirst();
            var allowed = (Transition.Allowed) VmLifecycle.begin(from, action);
            assertThat(allowed.during().transitional()).as(action.name()).isTrue();
        }
    }

    @Test
    void transitionalAndPoweredOn() {
        assertThat(EnumSet.allOf(VmState.class).stream().filter(VmState::transitional)).containsExactlyInAnyOrder(
                VmState.CREATING, VmState.STARTING, VmState.STOPPING, VmState.REBOOTING,
                VmState.SUSPENDING, VmState.RESUMING, VmState.DELETING, VmState.HIBERNATING, VmState.SNAPSHOTTING,
                VmState.REVERTING);
        // the snapshot states count to be safe: before or after the action the VM may hold its memory
        assertThat(EnumSet.allOf(VmState.class).stream().filter(VmState::poweredOn)).containsExactlyInAnyOrder(
                VmState.STARTING, VmState.RUNNING, VmState.STOPPING, VmState.REBOOTING,
                VmState.SUSPENDING, VmState.SUSPENDED, VmState.RESUMING, VmState.HIBERNATING, VmState.SNAPSHOTTING,
                VmState.REVERTING);
    }
}
