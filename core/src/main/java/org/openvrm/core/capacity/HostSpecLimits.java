package org.openvrm.core.capacity;

/**
 * Per-host spec limits of seed S4: how many VMs, virtual disks and virtual NICs
 * one host may carry, whatever their power state (a stopped VM is still bound to its host).
 */
public record HostSpecLimits(int maxVms, int maxDisks, int maxNics) {

    public HostSpecLimits {
        if (maxVms < 0 || maxDisks < 0 || maxNics < 0) {
            throw new IllegalArgumentException(
                    "spec limits must be >= 0, got " + maxVms + "/" + maxDisks + "/" + maxNics);
        }
    }
}
