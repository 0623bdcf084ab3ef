package org.openvrm.core.vm;

/** The states a VM can be in, as the manager records them. */
public enum VmState {
    CREATING,
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    REBOOTING,
    SUSPENDING,
    SUSPENDED,
    RESUMING,
    DELETING,
    /** The guest's memory is being saved to disk; it is HIBERNATED when that is done. */
    HIBERNATING,
    /** Stopped with its memory saved to disk: START resumes the guest where it was. Holds no host CPU or memory. */
    HIBERNATED,
    /** A snapshot of the VM is being taken or deleted; the VM returns to the state its host reports. */
    SNAPSHOTTING,
    /** The VM is going back to one of its snapshots, and to the state that snapshot recorded. */
    REVERTING,
    /** The guest or its QEMU process died; nothing is running but the definition remains. */
    CRASHED,
    /** The host cannot be reached, so the VM's real state is not known. */
    UNKNOWN;

    /** An action is under way; a new one must wait (except STOP, which can cut in). */
    public boolean transitional() {
        return switch (this) {
            case CREATING, STARTING, STOPPING, REBOOTING, SUSPENDING, RESUMING, DELETING, HIBERNATING, SNAPSHOTTING,
                 REVERTING -> true;
            case STOPPED, RUNNING, SUSPENDED, HIBERNATED, CRASHED, UNKNOWN -> false;
        };
    }

    /**
     * The VM holds host CPU and memory: it counts against the host's powered-on capacity.
     * SUSPENDED counts because a paused QEMU keeps its memory, HIBERNATING until it is saved; HIBERNATED does not
     * (its memory is on disk), so starting it again is admitted like a power-on. SNAPSHOTTING and REVERTING may or may not hold it
     * (that depends on the state before and the snapshot's), so they count, to be safe, when nothing better is
     * known (a ledger rebuilt at start-up); the snapshot service sets the exact flag when the action begins.
     */
    public boolean poweredOn() {
        return switch (this) {
            case STARTING, RUNNING, STOPPING, REBOOTING, SUSPENDING, SUSPENDED, RESUMING, HIBERNATING, SNAPSHOTTING,
                 REVERTING -> true;
            case CREATING, STOPPED, DELETING, HIBERNATED, CRASHED, UNKNOWN -> false;
        };
    }
}
