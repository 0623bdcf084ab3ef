package org.openvrm.core.vm;

/** What an operator can ask of a VM. */
public enum VmAction {
    START("start"),
    /** Safe shutdown: ask the guest (ACPI or Tools) to power itself off. */
    SHUTDOWN("shut down"),
    /** Forced power-off, like pulling the plug. */
    STOP("stop"),
    REBOOT("reboot"),
    SUSPEND("suspend"),
    RESUME("resume"),
    DELETE("delete");

    private final String verb;

    VmAction(String verb) {
        this.verb = verb;
    }

    /** The verb for messages: "cannot shut down a VM that is STOPPED". */
    public String verb() {
        return verb;
    }
}
