package org.openvrm.core.capacity;

/**
 * Sizing of the host's management share (seed S4: the Xen "Domain 0"; on KVM the host's
 * own OS, libvirt, QEMU's I/O threads and our agent). What is reserved here never goes to VMs.
 */
public final class ManagementReservation {

    /** 96 GB: at or below it the management share is a flat 8 GB and the smallest spec applies. */
    public static final long SMALL_HOST_MAX_MB = 96L * 1024;
    /** 192 GB: the boundary between the middle and the largest spec. */
    public static final long MEDIUM_HOST_MAX_MB = 192L * 1024;
    /** The flat 8 GB of management memory every host gets. */
    public static final long BASE_MANAGEMENT_MB = 8L * 1024;

    private static final HostSpecLimits SMALL = new HostSpecLimits(50, 150, 100);
    private static final HostSpecLimits MEDIUM = new HostSpecLimits(100, 300, 200);
    private static final HostSpecLimits LARGE = new HostSpecLimits(150, 450, 300);

    private ManagementReservation() {
    }

    /**
     * logicalCpus / 10 rounded up to an even number: the smallest even n with n >= logicalCpus / 10.
     * 1..20 CPUs -> 2, 21..40 -> 4, 41..60 -> 6.
     */
    public static int managementVcpus(int logicalCpus) {
        if (logicalCpus < 1) {
            throw new IllegalArgumentException("logicalCpus must be >= 1, got " + logicalCpus);
        }
        // ceil(logical / 20) * 2 == the smallest even integer >= logical / 10
        return (logicalCpus + 19) / 20 * 2;
    }

    /**
     * 8192 MB up to 96 GB; above, ceil(memory * 0.05) + 8192 MB. Integer arithmetic so that
     * 131072 MB gives exactly 6554 + 8192, not 6553.600000000001 rounded the wrong way.
     */
    public static long managementMemoryMb(long hostMemoryMb) {
        if (hostMemoryMb < 0) {
            throw new IllegalArgumentException("hostMemoryMb must be >= 0, got " + hostMemoryMb);
        }
        if (hostMemoryMb <= SMALL_HOST_MAX_MB) {
            return BASE_MANAGEMENT_MB;
        }
        return (hostMemoryMb * 5 + 99) / 100 + BASE_MANAGEMENT_MB;
    }

    /** The spec tier for the host's memory (seed S4). */
    public static HostSpecLimits specLimits(long hostMemoryMb) {
        if (hostMemoryMb < 0) {
            throw new IllegalArgumentException("hostMemoryMb must be >= 0, got " + hostMemoryMb);
        }
        if (hostMemoryMb <= SMALL_HOST_MAX_MB) {
            return SMALL;
        }
        return hostMemoryMb <= MEDIUM_HOST_MAX_MB ? MEDIUM : LARGE;
    }
}
