package org.openvrm.manager.alarm;

import org.openvrm.manager.event.EventLog.Severity;

/** What an alarm says is wrong; a closed set, each with its severity. */
public enum AlarmCode {
    /** A host has not been heard from for longer than the disconnect timeout; its VMs may well still run. */
    HOST_DISCONNECTED(Severity.WARNING),
    /** A host has been silent past the failure timeout; its VMs' state is unknown. */
    HOST_FAILED(Severity.ERROR);

    private final Severity severity;

    AlarmCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
