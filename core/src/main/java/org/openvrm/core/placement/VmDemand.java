package org.openvrm.core.placement;

/**
 * What a VM asks of a host: its size, its CPU and memory reservations (seed S8) and how many
 * virtual disks and NICs it brings (counted against the host's spec limits, seed S4).
 */
public record VmDemand(int vcpus, long memoryMb, long cpuReservationMhz, long memoryReservationMb,
                       int disks, int nics) {

    public VmDemand {
        if (vcpus < 1 || memoryMb < 1) {
            throw new IllegalArgumentException("vcpus and memoryMb must be >= 1, got " + vcpus + ", " + memoryMb);
        }
        if (cpuReservationMhz < 0 || memoryReservationMb < 0 || disks < 0 || nics < 0) {
            throw new IllegalArgumentException("reservations, disks and nics must be >= 0");
        }
    }
}
