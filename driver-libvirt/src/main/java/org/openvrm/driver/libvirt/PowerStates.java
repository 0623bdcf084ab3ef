package org.openvrm.driver.libvirt;

import org.openvrm.driver.PowerState;

/** libvirt's (state, reason) pair -> the contract's PowerState. Pure. */
final class PowerStates {

    // virDomainState
    static final int NOSTATE = 0;
    static final int RUNNING = 1;
    static final int BLOCKED = 2;
    static final int PAUSED = 3;
    static final int SHUTDOWN = 4;
    static final int SHUTOFF = 5;
    static final int CRASHED = 6;
    static final int PMSUSPENDED = 7;
    // virDomainShutoffReason / virDomainPausedReason values that mean "crashed"
    static final int SHUTOFF_CRASHED = 3;
    static final int PAUSED_CRASHED = 10;

    private PowerStates() {
    }

    /**
     * CRASHED covers "shut off (crashed)" (the emulator died, or a guest panicked under on_crash=destroy), libvirt's
     * crashed state (on_crash=preserve) and "paused (crashed)". A domain being shut down still runs.
     */
    static PowerState of(int state, int reason) {
        return switch (state) {
            case RUNNING, BLOCKED, SHUTDOWN, NOSTATE -> PowerState.RUNNING;
            case PAUSED -> reason == PAUSED_CRASHED ? PowerState.CRASHED : PowerState.PAUSED;
            case PMSUSPENDED -> PowerState.PAUSED;
            case SHUTOFF -> reason == SHUTOFF_CRASHED ? PowerState.CRASHED : PowerState.SHUTOFF;
            case CRASHED -> PowerState.CRASHED;
            default -> throw new IllegalArgumentException("unknown libvirt domain state " + state);
        };
    }

    /** Whether QEMU is still there for this (state, reason): destroy has something to stop. */
    static boolean active(int state) {
        return state != SHUTOFF;
    }
}
