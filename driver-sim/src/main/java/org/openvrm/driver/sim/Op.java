package org.openvrm.driver.sim;

/** The driver calls that take a step of simulated time and can be made to fail. */
public enum Op {
    DEFINE,
    START,
    SHUTDOWN,
    DESTROY,
    REBOOT,
    SUSPEND,
    RESUME,
    UNDEFINE,
    SNAPSHOT,
    REVERT,
    DELETE_SNAPSHOT,
    HIBERNATE,
    GROW_DISK,
    TUNE
}
