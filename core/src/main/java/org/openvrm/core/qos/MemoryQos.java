package org.openvrm.core.qos;

/**
 * Memory QoS of one VM, in MB (seed S8.2): shares weigh VMs under contention, the reservation
 * is a guaranteed minimum, the limit a maximum that can be at most the VM's memory size
 * ({@code null} = the size). Ranges are checked by {@link QosRules#validateMemory}.
 */
public record MemoryQos(long shares, long reservationMb, Long limitMb) {

    /** NORMAL shares, nothing reserved, limit = the VM's size. */
    public static MemoryQos defaults(long memoryMb) {
        return new MemoryQos(memoryShares(SharesLevel.NORMAL, memoryMb), 0, null);
    }

    /** The preset shares for a level: 5/10/20 per MB of VM memory. */
    public static long memoryShares(SharesLevel level, long memoryMb) {
        if (memoryMb < 1) {
            throw new IllegalArgumentException("memoryMb must be >= 1, got " + memoryMb);
        }
        return Math.multiplyExact(level.memorySharesPerMb(), memoryMb);
    }

    /** The limit in force: the given one, or the VM's memory size when none is given. */
    public long effectiveLimitMb(long memoryMb) {
        return limitMb == null ? memoryMb : limitMb;
    }
}
