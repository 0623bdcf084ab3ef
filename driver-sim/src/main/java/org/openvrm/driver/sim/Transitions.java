package org.openvrm.driver.sim;

import org.openvrm.driver.PowerState;

/**
 * In which states each call is legal, in one table. CRASHED means the emulator is gone: the domain holds no memory
 * and counts as stopped, so it can be started, destroyed (to SHUTOFF) or undefined, but not paused, rebooted or
 * snapshotted. HIBERNATED is stopped with the guest's memory saved: start resumes it, destroy discards the memory,
 * undefine and revert are allowed, anything that needs a running or a plainly stopped guest is refused. The snapshot
 * calls keep the state (SNAPSHOT, DELETE_SNAPSHOT) or take the snapshot's (REVERT); GROW_DISK and TUNE keep it.
 */
final class Transitions {

    private Transitions() {
    }

    /**
     * @param op for {@link Op#DEFINE}, the redefinition of an existing domain with a different spec: allowed while it
     *     is stopped (the state is kept), refused while its emulator runs or its memory is saved
     */
    static Plan plan(Op op, PowerState from) {
        return switch (op) {
            case DEFINE -> switch (from) {
                case SHUTOFF, CRASHED -> new Plan.Move(from);
                case RUNNING, PAUSED -> new Plan.Refuse("cannot redefine a " + name(from) + " domain; stop it first");
                case HIBERNATED -> new Plan.Refuse("cannot redefine a hibernated domain; start or destroy it first");
            };
            case START -> switch (from) {
                case SHUTOFF, CRASHED, HIBERNATED -> new Plan.Move(PowerState.RUNNING);
                case RUNNING -> new Plan.Stay();
                case PAUSED -> new Plan.Refuse("domain is paused; resume it instead");
            };
            case SHUTDOWN -> switch (from) {
                case RUNNING, CRASHED -> new Plan.Move(PowerState.SHUTOFF);
                case SHUTOFF -> new Plan.Stay();
                case PAUSED -> new Plan.Refuse("a paused guest cannot act on a shutdown request; resume or destroy it");
                case HIBERNATED -> new Plan.Refuse("a hibernated guest cannot act on a shutdown request; "
                        + "start or destroy it");
            };
            case DESTROY -> switch (from) {
                case RUNNING, PAUSED, CRASHED, HIBERNATED -> new Plan.Move(PowerState.SHUTOFF);
                case SHUTOFF -> new Plan.Stay();
            };
            case REBOOT -> switch (from) {
                case RUNNING -> new Plan.Move(PowerState.RUNNING);
                case SHUTOFF, PAUSED, CRASHED, HIBERNATED -> new Plan.Refuse("cannot reboot a " + name(from) + " domain");
            };
            case SUSPEND -> switch (from) {
                case RUNNING -> new Plan.Move(PowerState.PAUSED);
                case PAUSED -> new Plan.Stay();
                case SHUTOFF, CRASHED, HIBERNATED -> new Plan.Refuse("cannot suspend a " + name(from) + " domain");
            };
            case RESUME -> switch (from) {
                case PAUSED -> new Plan.Move(PowerState.RUNNING);
                case RUNNING -> new Plan.Stay();
                case SHUTOFF, CRASHED -> new Plan.Refuse("cannot resume a " + name(from) + " domain");
                case HIBERNATED -> new Plan.Refuse("cannot resume a hibernated domain; start it");
            };
            case UNDEFINE -> switch (from) {
                case SHUTOFF, CRASHED, HIBERNATED -> new Plan.Remove();
                case RUNNING, PAUSED -> new Plan.Refuse("cannot undefine a " + name(from) + " domain; stop it first");
            };
            case SNAPSHOT -> switch (from) {
                case SHUTOFF, RUNNING, PAUSED -> new Plan.Move(from);
                case CRASHED -> new Plan.Refuse("cannot snapshot a crashed domain; destroy it first");
                case HIBERNATED -> new Plan.Refuse("cannot snapshot a hibernated domain; start or destroy it first");
            };
            // legal everywhere; the domain ends in the state the snapshot recorded, which this table cannot know
            case REVERT, DELETE_SNAPSHOT -> new Plan.Move(from);
            case HIBERNATE -> switch (from) {
                case RUNNING, PAUSED -> new Plan.Move(PowerState.HIBERNATED);
                case HIBERNATED -> new Plan.Stay();
                case SHUTOFF, CRASHED -> new Plan.Refuse("cannot hibernate a " + name(from) + " domain: "
                        + "there is no memory to save");
            };
            case GROW_DISK -> switch (from) {
                case SHUTOFF, RUNNING, PAUSED -> new Plan.Move(from);
                case CRASHED -> new Plan.Refuse("cannot grow a disk of a crashed domain; destroy it first");
                case HIBERNATED -> new Plan.Refuse("cannot grow a disk of a hibernated domain: its saved memory "
                        + "holds the old size; start or destroy it first");
            };
            case TUNE -> switch (from) {
                case SHUTOFF, RUNNING, PAUSED, CRASHED -> new Plan.Move(from);
                case HIBERNATED -> new Plan.Refuse("cannot tune a hibernated domain: it resumes with the tuning it "
                        + "was saved with; start or destroy it first");
            };
        };
    }

    /** Whether a domain in this state has a live emulator holding its memory. */
    static boolean holdsMemory(PowerState state) {
        return switch (state) {
            case RUNNING, PAUSED -> true;
            case SHUTOFF, CRASHED, HIBERNATED -> false;
        };
    }

    private static String name(PowerState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
