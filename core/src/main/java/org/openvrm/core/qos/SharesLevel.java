package org.openvrm.core.qos;

/**
 * Named share presets (seed S8: shares weigh VMs against each other only under contention).
 * A level scales with the VM's size so that a big VM is not starved by many small ones at the
 * same level; CUSTOM means the caller gives the number itself.
 */
public enum SharesLevel {
    LOW(500, 5),
    NORMAL(1000, 10),
    HIGH(2000, 20),
    CUSTOM(0, 0);

    private final int cpuPerVcpu;
    private final int memoryPerMb;

    SharesLevel(int cpuPerVcpu, int memoryPerMb) {
        this.cpuPerVcpu = cpuPerVcpu;
        this.memoryPerMb = memoryPerMb;
    }

    /** CPU shares per vCPU; throws for CUSTOM, which has no preset. */
    public int cpuSharesPerVcpu() {
        requirePreset();
        return cpuPerVcpu;
    }

    /** Memory shares per MB of VM memory; throws for CUSTOM, which has no preset. */
    public int memorySharesPerMb() {
        requirePreset();
        return memoryPerMb;
    }

    private void requirePreset() {
        if (this == CUSTOM) {
            throw new IllegalArgumentException("CUSTOM shares have no preset: give the number");
        }
    }
}
