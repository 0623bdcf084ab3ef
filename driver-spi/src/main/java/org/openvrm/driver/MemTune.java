package org.openvrm.driver;

/**
 * Memory tuning of a domain in MB, in the terms a hypervisor enforces (computed by the manager from the VM's memory
 * QoS; drivers do no arithmetic of their own).
 *
 * @param balloonMb what the guest may use: libvirt's {@code <currentMemory>}, reached through the balloon driver
 *     (the VM's memory limit; its full memory size when it has none). Between 1 and the domain's memory size.
 * @param softLimitMb the domain's memory reservation as libvirt's {@code <memtune><soft_limit>}: under host memory
 *     pressure the kernel reclaims from cgroups above their soft limit first. 0 = none.
 */
public record MemTune(long balloonMb, long softLimitMb) {

    public MemTune {
        if (balloonMb < 1) {
            throw new IllegalArgumentException("balloonMb must be >= 1, got " + balloonMb);
        }
        if (softLimitMb < 0) {
            throw new IllegalArgumentException("softLimitMb must be >= 0, got " + softLimitMb);
        }
    }

    /** The whole memory for the guest, nothing reserved. */
    public static MemTune full(long memoryMb) {
        return new MemTune(memoryMb, 0);
    }
}
