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
    DELETE("delete"),
    /** Save the guest's memory to disk and stop it; START resumes it where it was. */
    HIBERNATE("hibernate"),
    /** Take a snapshot of the disks, and of the memory when the VM runs or is paused. */
    SNAPSHOT("snapshot"),
    /** Go back to a snapshot: its disks, memory and power state. */
    REVERT("revert"),
    DELETE_SNAPSHOT("delete a snapshot of");

    private final String verb;

    VmAction(String verb) {
        this.verb = verb;
    }

    /** The verb for messages: "cannot shut down a VM that is STOPPED". */
    public String verb() {
        return verb;
    }
}
