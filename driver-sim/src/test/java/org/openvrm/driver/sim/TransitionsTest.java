package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvrm.driver.PowerState;

/** Every call in every state: the whole table, so a changed cell is a visible diff. */
class TransitionsTest {

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource(textBlock = """
            DEFINE,   SHUTOFF, move SHUTOFF
            DEFINE,   RUNNING, refuse
            DEFINE,   PAUSED,  refuse
            DEFINE,   CRASHED, move CRASHED
            DEFINE,   HIBERNATED, refuse
            START,    SHUTOFF, move RUNNING
            START,    RUNNING, stay
            START,    PAUSED,  refuse
            START,    CRASHED, move RUNNING
            START,    HIBERNATED, move RUNNING
            SHUTDOWN, SHUTOFF, stay
            SHUTDOWN, RUNNING, move SHUTOFF
            SHUTDOWN, PAUSED,  refuse
            SHUTDOWN, CRASHED, move SHUTOFF
            SHUTDOWN, HIBERNATED, refuse
            DESTROY,  SHUTOFF, stay
            DESTROY,  RUNNING, move SHUTOFF
            DESTROY,  PAUSED,  move SHUTOFF
            DESTROY,  CRASHED, move SHUTOFF
            DESTROY,  HIBERNATED, move SHUTOFF
            REBOOT,   SHUTOFF, refuse
            REBOOT,   RUNNING, move RUNNING
            REBOOT,   PAUSED,  refuse
            REBOOT,   CRASHED, refuse
            REBOOT,   HIBERNATED, refuse
            SUSPEND,  SHUTOFF, refuse
            SUSPEND,  RUNNING, move PAUSED
            SUSPEND,  PAUSED,  stay
            SUSPEND,  CRASHED, refuse
            SUSPEND,  HIBERNATED, refuse
            RESUME,   SHUTOFF, refuse
            RESUME,   RUNNING, stay
            RESUME,   PAUSED,  move RUNNING
            RESUME,   CRASHED, refuse
            RESUME,   HIBERNATED, refuse
            UNDEFINE, SHUTOFF, remove
            UNDEFINE, RUNNING, refuse
            UNDEFINE, PAUSED,  refuse
            UNDEFINE, CRASHED, remove
            UNDEFINE, HIBERNATED, remove
            SNAPSHOT, SHUTOFF, move SHUTOFF
            SNAPSHOT, RUNNING, move RUNNING
            SNAPSHOT, PAUSED,  move PAUSED
            SNAPSHOT, CRASHED, refuse
            SNAPSHOT, HIBERNATED, refuse
            REVERT,   SHUTOFF, move SHUTOFF
            REVERT,   RUNNING, move RUNNING
            REVERT,   PAUSED,  move PAUSED
            REVERT,   CRASHED, move CRASHED
            REVERT,   HIBERNATED, move HIBERNATED
            DELETE_SNAPSHOT, SHUTOFF, move SHUTOFF
            DELETE_SNAPSHOT, RUNNING, move RUNNING
            DELETE_SNAPSHOT, PAUSED,  move PAUSED
            DELETE_SNAPSHOT, CRASHED, move CRASHED
            DELETE_SNAPSHOT, HIBERNATED, move HIBERNATED
            HIBERNATE, SHUTOFF, refuse
            HIBERNATE, RUNNING, move HIBERNATED
            HIBERNATE, PAUSED,  move HIBERNATED
            HIBERNATE, CRASHED, refuse
            HIBERNATE, HIBERNATED, stay
            GROW_DISK, SHUTOFF, move SHUTOFF
            GROW_DISK, RUNNING, move RUNNING
            GROW_DISK, PAUSED,  move PAUSED
            GROW_DISK, CRASHED, refuse
            GROW_DISK, HIBERNATED, refuse
            """)
    void plan(Op op, PowerState from, String expected) {
        String actual = switch (Transitions.plan(op, from)) {
            case Plan.Stay() -> "stay";
            case Plan.Move(PowerState target) -> "move " + target;
            case Plan.Remove() -> "remove";
            case Plan.Refuse(String why) -> {
                assertThat(why).isNotBlank();
                yield "refuse";
            }
        };
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"SHUTOFF, false", "RUNNING, true", "PAUSED, true", "CRASHED, false", "HIBERNATED, false"})
    void onlyALiveEmulatorHoldsMemory(PowerState state, boolean holds) {
        assertThat(Transitions.holdsMemory(state)).isEqualTo(holds);
    }
}
