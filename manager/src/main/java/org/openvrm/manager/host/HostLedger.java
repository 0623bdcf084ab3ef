package org.openvrm.manager.host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvrm.core.placement.VmDemand;

/**
 * What each host has placed on it and powered on, kept in memory so placement reads one consistent snapshot in
 * microseconds. It is derived state: rebuilt from the store at start-up and changed only by the code that changes
 * the store, under the placement lock.
 */
public final class HostLedger {

    /** One VM's claim on its host. */
    public record Footprint(String vmId, VmDemand demand, boolean poweredOn) {}

    /** The sums placement needs for one host. */
    public record Usage(int vms, int disks, int nics, int placedVcpus, long placedMemoryMb, int poweredOnVcpus,
                        long poweredOnMemoryMb, long poweredOnCpuReservationMhz, long poweredOnMemoryReservationMb) {
        static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private final Map<String, Map<String, Footprint>> byHost = new HashMap<>();
    private final Map<String, Usage> usage = new HashMap<>();

    public synchronized void put(String hostId, Footprint f) {
        byHost.computeIfAbsent(hostId, k -> new HashMap<>()).put(f.vmId(), f);
        usage.remove(hostId);
    }

    public synchronized void remove(String hostId, String vmId) {
        var vms = byHost.get(hostId);
        if (vms != null) {
            vms.remove(vmId);
            usage.remove(hostId);
        }
    }

    public synchronized void setPoweredOn(String hostId, String vmId, boolean poweredOn) {
        var vms = byHost.get(hostId);
        Footprint f = vms == null ? null : vms.get(vmId);
        if (f != null && f.poweredOn() != poweredOn) {
            vms.put(vmId, new Footprint(vmId, f.demand(), poweredOn));
            usage.remove(hostId);
        }
    }

    /**
     * Gives a VM already on the host another demand (a QoS change), keeping whether it is powered on; nothing for a
     * VM the ledger does not hold.
     */
    public synchronized void setDemand(String hostId, String vmId, VmDemand demand) {
        var vms = byHost.get(hostId);
        Footprint f = vms == null ? null : vms.get(vmId);
        if (f != null) {
            vms.put(vmId, new Footprint(vmId, demand, f.poweredOn()));
            usage.remove(hostId);
        }
    }

    /** The VM's demand as the ledger holds it now; empty for a VM it does not hold. */
    public synchronized java.util.Optional<VmDemand> demand(String hostId, String vmId) {
        var vms = byHost.get(hostId);
        return java.util.Optional.ofNullable(vms == null ? null : vms.get(vmId)).map(Footprint::demand);
    }

    public synchronized void replaceAll(Map<String, List<Footprint>> footprintsByHost) {
        byHost.clear();
        usage.clear();
        footprintsByHost.forEach((host, list) -> list.forEach(f -> put(host, f)));
    }

    /** The host's sums, cached until the next change on that host. */
    public synchronized Usage usage(String hostId) {
        return usage.computeIfAbsent(hostId, this::sum);
    }

    /** The host's sums without one VM: what a VM already counted there competes with when it starts. */
    public synchronized Usage usageWithout(String hostId, String vmId) {
        var vms = byHost.getOrDefault(hostId, Map.of());
        return sum(vms.values().stream().filter(f -> !f.vmId().equals(vmId)).toList());
    }

    private Usage sum(String hostId) {
        return sum(byHost.getOrDefault(hostId, Map.of()).values());
    }

    private static Usage sum(Iterable<Footprint> footprints) {
        int vms = 0;
        int disks = 0;
        int nics = 0;
        int vcpus = 0;
        long memory = 0;
        int onVcpus = 0;
        long onMemory = 0;
        long onCpuRes = 0;
        long onMemRes = 0;
        for (Footprint f : footprints) {
            VmDemand d = f.demand();
            vms++;
            disks += d.disks();
            nics += d.nics();
            vcpus += d.vcpus();
            memory += d.memoryMb();
            if (f.poweredOn()) {
                onVcpus += d.vcpus();
                onMemory += d.memoryMb();
                onCpuRes += d.cpuReservationMhz();
                onMemRes += d.memoryReservationMb();
            }
        }
        return vms == 0 ? Usage.NONE
                : new Usage(vms, disks, nics, vcpus, memory, onVcpus, onMemory, onCpuRes, onMemRes);
    }
}
