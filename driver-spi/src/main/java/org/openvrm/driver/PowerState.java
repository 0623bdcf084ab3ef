package org.openvrm.driver;

/** Steady states a hypervisor reports for a domain. */
public enum PowerState {
    SHUTOFF,
    RUNNING,
    PAUSED,
    CRASHED,
    /**
     * Stopped with its memory saved to disk (libvirt's managed save): {@code start} resumes the guest where it was.
     * It holds no host memory.
     */
    HIBERNATED
}
