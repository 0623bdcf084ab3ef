package org.openvrm.driver;

/** Why a domain changed state, as far as the hypervisor can tell. */
public enum StateChangeCause {
    /** One of our own calls. */
    REQUESTED,
    /** The guest shut itself down or rebooted. */
    GUEST,
    /** The emulator died or the guest panicked. */
    CRASHED,
    /** Seen on reconnect or restart, cause unknown. */
    DISCOVERED
}
