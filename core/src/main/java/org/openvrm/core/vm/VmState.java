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
    /** The guest or its QEMU process died; nothing is running but the definition remains. */
    CRASHED,
    /** The host cannot be reached, so the VM's real state is not known. */
    UNKNOWN;

    /** An action is under way; a new one must wait (except STOP, which can cut in). */
    public boolean transitional() {
        return switch (this) {
            case CREATING, STARTING, STOPPING, REBOOTING, SUSPENDING, RESUMING, DELETING -> true;
            case STOPPED, RUNNING, SUSPENDED, CRASHED, UNKNOWN -> false;
        };
    }

    /**
     * The VM holds host CPU and memory: it counts against the host's powered-on capacity.
     * SUSPENDED counts because a paused QEMU keeps its memory.
     */
    public boolean poweredOn() {
        return switch (this) {
            case STARTING, RUNNING, STOPPING, REBOOTING, SUSPENDING, SUSPENDED, RESUMING -> true;
            case CREATING, STOPPED, DELETING, CRASHED, UNKNOWN -> false;
        };
    }
}
