package org.openvrm.manager.host;

public enum HostState {
    /** Added; the agent has not answered yet. */
    CONNECTING,
    CONNECTED,
    /** The agent stopped answering; its VMs may well still run. */
    DISCONNECTED,
    /** Disconnected for longer than the failure timeout, or the agent could not be started. */
    FAILED,
    /** Being removed. */
    REMOVING;

    public boolean schedulable() {
        return this == CONNECTED;
    }
}
