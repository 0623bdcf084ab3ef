package org.openvrm.core.qos;

/**
 * CPU QoS of one VM, in MHz (seeds S5 and S8.1): shares weigh VMs under contention, the
 * reservation is a guaranteed minimum, the limit a maximum ({@code null} = unlimited).
 * Ranges are not checked here but by {@link QosRules#validateCpu}, so that an API request can be
 * carried in this record and answered with every violation at once.
 */
public record CpuQos(int shares, long reservationMhz, Long limitMhz) {

    /** Highest shares value libvirt accepts (cgroup v1 cpu.shares). */
    public static final int MAX_SHARES = 262_144;
    /** Lowest shares value libvirt accepts (cgroup v1 cpu.shares). */
    public static final int MIN_SHARES = 2;

    /** NORMAL shares, nothing reserved, no limit. */
    public static CpuQos defaults(int vcpus) {
        return new CpuQos(cpuShares(SharesLevel.NORMAL, vcpus), 0, null);
    }

    /**
     * The preset shares for a level: 500/1000/2000 per vCPU, capped at {@link #MAX_SHARES} so
     * that a preset is always a value libvirt takes (HIGH on 132+ vCPUs would pass it).
     */
    public static int cpuShares(SharesLevel level, int vcpus) {
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be >= 1, got " + vcpus);
        }
        return (int) Math.min((long) level.cpuSharesPerVcpu() * vcpus, MAX_SHARES);
    }
}
