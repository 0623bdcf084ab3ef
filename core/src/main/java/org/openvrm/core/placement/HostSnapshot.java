package org.openvrm.core.placement;

import java.util.Objects;
import org.openvrm.core.capacity.HostCapacity;

/**
 * A read-only view of one host at decision time.
 *
 * <p>{@code vms}, {@code disks}, {@code nics} and {@code placed*} count every VM placed on the
 * host, stopped ones too (they are bound to it and may start at any time); {@code poweredOn*}
 * count only VMs holding host resources ({@link org.openvrm.core.vm.VmState#poweredOn()}).
 * {@code placedVcpuMhz} is the sum of vCPUs x host MHz of the placed VMs.
 * {@code memoryOvercommitRatio} is 1.0, or 1.3 with memory overcommit on (seed S9).
 */
public record HostSnapshot(
        String hostId,
        String hostName,
        boolean schedulable,
        String unschedulableReason,
        HostCapacity capacity,
        int vms,
        int disks,
        int nics,
        long poweredOnMemoryMb,
        long poweredOnCpuReservationMhz,
        long poweredOnMemoryReservationMb,
        long placedMemoryMb,
        long placedVcpuMhz,
        double memoryOvercommitRatio) {

    public HostSnapshot {
        Objects.requireNonNull(hostId, "hostId is null");
        Objects.requireNonNull(hostName, "hostName is null");
        Objects.requireNonNull(capacity, "capacity is null");
        if (vms < 0 || disks < 0 || nics < 0 || poweredOnMemoryMb < 0 || poweredOnCpuReservationMhz < 0
                || poweredOnMemoryReservationMb < 0 || placedMemoryMb < 0 || placedVcpuMhz < 0) {
            throw new IllegalArgumentException("host " + hostId + ": counts and sums must be >= 0");
        }
        // NaN fails this test too
        if (!(memoryOvercommitRatio >= 1.0 && memoryOvercommitRatio <= 10.0)) {
            throw new IllegalArgumentException(
                    "host " + hostId + ": memoryOvercommitRatio must be 1.0..10.0, got " + memoryOvercommitRatio);
        }
    }

    /** Memory VMs may be given: usable memory x overcommit ratio, rounded down (seed S9). */
    public long memoryCapacityMb() {
        return (long) Math.floor(capacity.usableMemoryMb() * memoryOvercommitRatio);
    }

    /** The same host, schedulable and with nothing on it: to tell "too large" from "full". */
    public HostSnapshot emptied() {
        return new HostSnapshot(hostId, hostName, true, null, capacity,
                0, 0, 0, 0, 0, 0, 0, 0, memoryOvercommitRatio);
    }
}
