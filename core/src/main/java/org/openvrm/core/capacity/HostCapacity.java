package org.openvrm.core.capacity;

import java.util.Objects;

/**
 * What a host can give to VMs once the management share is taken off (seeds S4 and S5).
 * CPU is counted in MHz, not in CPU counts: usable = (logical CPUs - management vCPUs) x MHz.
 * Build it with {@link #of}; the canonical constructor only checks that the parts add up.
 */
public record HostCapacity(
        int logicalCpus,
        int mhz,
        long memoryMb,
        int managementVcpus,
        long totalMhz,
        long reservedMhz,
        long usableMhz,
        long reservedMemoryMb,
        long usableMemoryMb,
        HostSpecLimits limits) {

    public HostCapacity {
        Objects.requireNonNull(limits, "limits is null");
        if (logicalCpus < 1 || mhz < 0 || memoryMb < 0 || managementVcpus < 0) {
            throw new IllegalArgumentException("need logicalCpus >= 1 and mhz, memoryMb, managementVcpus >= 0");
        }
        if (totalMhz != (long) logicalCpus * mhz) {
            throw new IllegalArgumentException("totalMhz " + totalMhz + " != " + logicalCpus + " x " + mhz);
        }
        if (reservedMhz < 0 || usableMhz < 0 || reservedMhz + usableMhz != totalMhz) {
            throw new IllegalArgumentException(
                    "reservedMhz " + reservedMhz + " + usableMhz " + usableMhz + " must equal totalMhz " + totalMhz);
        }
        if (reservedMemoryMb < 0 || usableMemoryMb < 0 || reservedMemoryMb + usableMemoryMb != memoryMb) {
            throw new IllegalArgumentException("reservedMemoryMb " + reservedMemoryMb + " + usableMemoryMb "
                    + usableMemoryMb + " must equal memoryMb " + memoryMb);
        }
    }

    /**
     * The capacity of a host with the given hardware. A host smaller than its own management
     * share (say 1 CPU, which still reserves 2) has 0 usable: the reservation is capped at the total.
     */
    public static HostCapacity of(int logicalCpus, int mhz, long memoryMb) {
        if (mhz < 0) {
            throw new IllegalArgumentException("mhz must be >= 0, got " + mhz);
        }
        int managementVcpus = ManagementReservation.managementVcpus(logicalCpus);
        long totalMhz = (long) logicalCpus * mhz;
        long usableMhz = (long) Math.max(0, logicalCpus - managementVcpus) * mhz;
        long reservedMemoryMb = Math.min(ManagementReservation.managementMemoryMb(memoryMb), memoryMb);
        return new HostCapacity(logicalCpus, mhz, memoryMb, managementVcpus,
                totalMhz, totalMhz - usableMhz, usableMhz,
                reservedMemoryMb, memoryMb - reservedMemoryMb,
                ManagementReservation.specLimits(memoryMb));
    }
}
