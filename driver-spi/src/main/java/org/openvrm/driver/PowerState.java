package org.openvrm.driver;

/** Steady states a hypervisor reports for a domain. */
public enum PowerState {
    SHUTOFF,
    RUNNING,
    PAUSED,
    CRASHED
}
