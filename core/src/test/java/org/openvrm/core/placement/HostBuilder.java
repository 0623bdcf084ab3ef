package org.openvrm.core.placement;

import org.openvrm.core.capacity.HostCapacity;

/**
 * Fluent fixture for host snapshots. The default is the seed's example host: 40 logical CPUs
 * at 2400 MHz, 128 GB: usable 86400 MHz and 116326 MB, spec 100 VMs / 300 disks / 200 NICs.
 */
final class HostBuilder {

    private final String id;
    private boolean schedulable = true;
    private String unschedulableReason;
    private int cpus = 40;
    private int mhz = 2400;
    private long memoryMb = 131_072;
    private int vms;
    private int disks;
    private int nics;
    private long poweredOnMemoryMb;
    private long poweredOnCpuReservationMhz;
    private long poweredOnMemoryReservationMb;
    private long placedMemoryMb;
    private long placedVcpuMhz;
    private double ratio = 1.0;

    private HostBuilder(String id) {
        this.id = id;
    }

    static HostBuilder host(String id) {
        return new HostBuilder(id);
    }

    HostBuilder hardware(int cpus, int mhz, long memoryMb) {
        this.cpus = cpus;
        this.mhz = mhz;
        this.memoryMb = memoryMb;
        return this;
    }

    HostBuilder unschedulable(String reason) {
        this.schedulable = false;
        this.unschedulableReason = reason;
        return this;
    }

    HostBuilder counts(int vms, int disks, int nics) {
        this.vms = vms;
        this.disks = disks;
        this.nics = nics;
        return this;
    }

    HostBuilder poweredOnMemory(long mb) {
        this.poweredOnMemoryMb = mb;
        return this;
    }

    HostBuilder poweredOnCpuReservation(long mhz) {
        this.poweredOnCpuReservationMhz = mhz;
        return this;
    }

    HostBuilder poweredOnMemoryReservation(long mb) {
        this.poweredOnMemoryReservationMb = mb;
        return this;
    }

    HostBuilder placed(long memoryMb, long vcpuMhz) {
        this.placedMemoryMb = memoryMb;
        this.placedVcpuMhz = vcpuMhz;
        return this;
    }

    /** Placed and powered on alike: every VM on the host is running. */
    HostBuilder running(long memoryMb, long vcpuMhz) {
        this.poweredOnMemoryMb = memoryMb;
        return placed(memoryMb, vcpuMhz);
    }

    HostBuilder overcommit(double ratio) {
        this.ratio = ratio;
        return this;
    }

    HostSnapshot build() {
        return new HostSnapshot(id, "name-" + id, schedulable, unschedulableReason,
                HostCapacity.of(cpus, mhz, memoryMb), vms, disks, nics,
                poweredOnMemoryMb, poweredOnCpuReservationMhz, poweredOnMemoryReservationMb,
                placedMemoryMb, placedVcpuMhz, ratio);
    }
}
