package org.openvrm.driver.libvirt;

import java.util.Locale;
import org.openvrm.driver.PowerState;

/**
 * In which states each call is legal, in one table (the simulator keeps the same one). CRASHED means the guest is
 * gone: it can be started, destroyed or shut down (both clear the crash: SHUTOFF) or undefined, not snapshotted.
 * HIBERNATED is shut off with a managed-save image: start restores it, destroy discards the image, undefine and
 * revert are allowed, the rest refused.
 */
final class CallRules {

    /** The calls that act on an existing domain. */
    enum Op {
        REDEFINE, START, SHUTDOWN, DESTROY, REBOOT, SUSPEND, RESUME, UNDEFINE, SNAPSHOT, REVERT, DELETE_SNAPSHOT,
        HIBERNATE, GROW_DISK, TUNE
    }

    /** What a call does in a state. */
    sealed interface Plan {
        /** Already at the target: succeed without doing anything. */
        record Stay() implements Plan { }

        /** Not legal here: INVALID_STATE with this reason. */
        record Refuse(String why) implements Plan { }

        /** Do it; the domain ends in {@code target}. */
        record Act(PowerState target) implements Plan { }
    }

    private CallRules() {
    }

    static Plan plan(Op op, PowerState from) {
        return switch (op) {
            case REDEFINE -> switch (from) {
                case SHUTOFF, CRASHED -> new Plan.Act(from);
                case RUNNING, PAUSED -> refuse("cannot redefine a " + name(from) + " domain; stop it first");
                case HIBERNATED -> refuse("cannot redefine a hibernated domain; start or destroy it first");
            };
            case START -> switch (from) {
                case SHUTOFF, CRASHED, HIBERNATED -> new Plan.Act(PowerState.RUNNING);
                case RUNNING -> new Plan.Stay();
                case PAUSED -> refuse("domain is paused; resume it instead");
            };
            case SHUTDOWN -> switch (from) {
                case RUNNING, CRASHED -> new Plan.Act(PowerState.SHUTOFF);
                case SHUTOFF -> new Plan.Stay();
                case PAUSED -> refuse("a paused guest cannot act on a shutdown request; resume or destroy it");
                case HIBERNATED -> refuse("a hibernated guest cannot act on a shutdown request; start or destroy it");
            };
            case DESTROY -> switch (from) {
                case RUNNING, PAUSED, CRASHED, HIBERNATED -> new Plan.Act(PowerState.SHUTOFF);
                case SHUTOFF -> new Plan.Stay();
            };
            case REBOOT -> switch (from) {
                case RUNNING -> new Plan.Act(PowerState.RUNNING);
                case SHUTOFF, PAUSED, CRASHED, HIBERNATED -> refuse("cannot reboot a " + name(from) + " domain");
            };
            case SUSPEND -> switch (from) {
                case RUNNING -> new Plan.Act(PowerState.PAUSED);
                case PAUSED -> new Plan.Stay();
                case SHUTOFF, CRASHED, HIBERNATED -> refuse("cannot suspend a " + name(from) + " domain");
            };
            case RESUME -> switch (from) {
                case PAUSED -> new Plan.Act(PowerState.RUNNING);
                case RUNNING -> new Plan.Stay();
                case SHUTOFF, CRASHED -> refuse("cannot resume a " + name(from) + " domain");
                case HIBERNATED -> refuse("cannot resume a hibernated domain; start it");
            };
            case UNDEFINE -> switch (from) {
                case SHUTOFF, CRASHED, HIBERNATED -> new Plan.Act(PowerState.SHUTOFF);
                case RUNNING, PAUSED -> refuse("cannot undefine a " + name(from) + " domain; stop it first");
            };
            case SNAPSHOT -> switch (from) {
                case SHUTOFF, RUNNING, PAUSED -> new Plan.Act(from);
                case CRASHED -> refuse("cannot snapshot a crashed domain; destroy it first");
                case HIBERNATED -> refuse("cannot snapshot a hibernated domain; start or destroy it first");
            };
            // legal everywhere; the domain ends in the snapshot's state, which this table cannot know
            case REVERT, DELETE_SNAPSHOT -> new Plan.Act(from);
            case HIBERNATE -> switch (from) {
                case RUNNING, PAUSED -> new Plan.Act(PowerState.HIBERNATED);
                case HIBERNATED -> new Plan.Stay();
                case SHUTOFF, CRASHED -> refuse("cannot hibernate a " + name(from) + " domain: "
                        + "there is no memory to save");
            };
            case GROW_DISK -> switch (from) {
                case SHUTOFF, RUNNING, PAUSED -> new Plan.Act(from);
                case CRASHED -> refuse("cannot grow a disk of a crashed domain; destroy it first");
                case HIBERNATED -> refuse("cannot grow a disk of a hibernated domain: its saved memory "
                        + "holds the old size; start or destroy it first");
            };
            case TUNE -> switch (from) {
                case SHUTOFF, RUNNING, PAUSED, CRASHED -> new Plan.Act(from);
                case HIBERNATED -> refuse("cannot tune a hibernated domain: it resumes with the tuning it was "
                        + "saved with; start or destroy it first");
            };
        };
    }

    private static Plan refuse(String why) {
        return new Plan.Refuse(why);
    }

    private static String name(PowerState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
