package org.openvrm.manager.host;

import java.util.Collection;
import org.openvrm.api.ClusterCapacity;
import org.openvrm.api.CpuCapacity;
import org.openvrm.api.HostCapacity;
import org.openvrm.api.HostHardware;
import org.openvrm.api.MemoryCapacity;

/** Turns a host's hardware (seed S4/S5 in core) and its ledger usage into what the API shows. */
public final class HostCapacityView {

    private HostCapacityView() {}

    public static org.openvrm.core.capacity.HostCapacity rules(HostHardware hw) {
        return org.openvrm.core.capacity.HostCapacity.of(hw.logicalCpus(), hw.mhz(), hw.memoryMb());
    }

    public static HostCapacity of(HostHardware hw, HostLedger.Usage u) {
        var c = rules(hw);
        long allocatedMhz = (long) u.poweredOnVcpus() * hw.mhz();
        var cpu = new CpuCapacity(c.totalMhz(), c.reservedMhz(), c.usableMhz(), allocatedMhz,
                u.poweredOnCpuReservationMhz(), Math.max(0, c.usableMhz() - allocatedMhz),
                Math.max(0, c.usableMhz() - u.poweredOnCpuReservationMhz()));
        var memory = new MemoryCapacity(hw.memoryMb(), c.reservedMemoryMb(), c.usableMemoryMb(),
                u.poweredOnMemoryMb(), u.poweredOnMemoryReservationMb(),
                Math.max(0, c.usableMemoryMb() - u.poweredOnMemoryMb()),
                Math.max(0, c.usableMemoryMb() - u.poweredOnMemoryReservationMb()));
        var limits = c.limits();
        return new HostCapacity(c.managementVcpus(), cpu, memory,
                new HostCapacity.HostLimits(limits.maxVms(), limits.maxDisks(), limits.maxNics()),
                new HostCapacity.HostLimits(u.vms(), u.disks(), u.nics()));
    }

    /** The sum of hosts' capacities, for a cluster. */
    public static ClusterCapacity sum(Collection<HostCapacity> hosts, int vms) {
        long[] cpu = new long[7];
        long[] mem = new long[7];
        for (HostCapacity h : hosts) {
            add(cpu, h.cpu().totalMhz(), h.cpu().reservedMhz(), h.cpu().usableMhz(), h.cpu().allocatedMhz(),
                    h.cpu().vmReservedMhz(), h.cpu().freeMhz(), h.cpu().reservableMhz());
            add(mem, h.memory().totalMb(), h.memory().reservedMb(), h.memory().usableMb(), h.memory().allocatedMb(),
                    h.memory().vmReservedMb(), h.memory().freeMb(), h.memory().reservableMb());
        }
        return new ClusterCapacity(hosts.size(), vms,
                new CpuCapacity(cpu[0], cpu[1], cpu[2], cpu[3], cpu[4], cpu[5], cpu[6]),
                new MemoryCapacity(mem[0], mem[1], mem[2], mem[3], mem[4], mem[5], mem[6]));
    }

    private static void add(long[] into, long... values) {
        for (int i = 0; i < values.length; i++) {
            into[i] += values[i];
        }
    }
}
