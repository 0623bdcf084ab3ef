package org.openvrm.manager.vm;

import java.util.List;
import java.util.OptionalInt;
import org.openvrm.api.CpuQos;
import org.openvrm.api.DiskIoLimits;
import org.openvrm.api.MemoryQos;
import org.openvrm.api.NetworkQos;
import org.openvrm.api.PortGroup;
import org.openvrm.core.qos.LibvirtQos;
import org.openvrm.core.qos.SharesLevel;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DomainSpec.CpuTune;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.MemTune;
import org.openvrm.driver.NicBandwidth;
import org.openvrm.manager.datastore.DatastoreService;
import org.openvrm.manager.network.PortGroupService;
import org.openvrm.manager.task.TaskFailure;

/**
 * Turns a stored VM into what a driver defines: datastore paths and bridges instead of ids, and its QoS (CPU, memory,
 * each disk, each NIC: its own or its port group's) in libvirt's units. The MHz arithmetic happens here, with core's {@link LibvirtQos}, because only the manager knows the host's
 * clock from its inventory and drivers may not see core.
 */
public final class DomainSpecs {

    /** The clock of a host's cores in MHz, as its agent reported it; empty while the host never connected. */
    @FunctionalInterface
    public interface HostMhz {
        OptionalInt of(String hostId);
    }

    private final DatastoreService datastores;
    private final PortGroupService portGroups;
    private final HostMhz hostMhz;

    public DomainSpecs(DatastoreService datastores, PortGroupService portGroups, HostMhz hostMhz) {
        this.datastores = datastores;
        this.portGroups = portGroups;
        this.hostMhz = hostMhz;
    }

    public DomainSpec of(VmRecord vm) {
        VmSpec s = vm.spec();
        List<DomainSpec.DiskSpec> disks = s.disks().stream().map(d -> new DomainSpec.DiskSpec(d.id(), d.sizeMb(),
                datastores.require("datastoreId", d.datastoreId()).path(), d.image(), "thick".equals(d.provisioning()),
                d.bus(), ioTune(d.ioLimits()))).toList();
        List<DomainSpec.NicSpec> nics = s.nics().stream().map(n -> {
            PortGroup pg = portGroups.find("portGroupId", n.portGroupId());
            return new DomainSpec.NicSpec(n.mac(), pg.bridge(), n.model(), bandwidth(n.qos() != null ? n.qos() : pg.qos()));
        }).toList();
        return new DomainSpec(vm.id(), vm.name(), vm.generation(), s.vcpus(), s.maxVcpus(), s.memoryMb(), disks, nics,
                s.bootOrder(), cpuTune(vm.hostId(), s.cpuQos(), s.vcpus()), memTune(s.memoryQos(), s.memoryMb()));
    }

    /** The balloon at the memory limit (the whole memory without one); the reservation as the cgroup soft limit. */
    static MemTune memTune(MemoryQos q, long memoryMb) {
        if (q == null) {
            return MemTune.full(memoryMb);
        }
        long balloon = q.limitMb() == null ? memoryMb : q.limitMb();
        return new MemTune(balloon, q.reservationMb() == null ? 0 : q.reservationMb());
    }

    /** KB/s to bytes/s through core; an unset limit is libvirt's 0. */
    static IoTune ioTune(DiskIoLimits l) {
        if (l == null) {
            return IoTune.UNLIMITED;
        }
        return new IoTune(bytes(l.readKBps()), bytes(l.writeKBps()), bytes(l.totalKBps()),
                orZero(l.readIops()), orZero(l.writeIops()), orZero(l.totalIops()));
    }

    /** Mbit/s to libvirt's KB/s through core; burst KB as they are; an unshaped direction is all zeros. */
    static NicBandwidth bandwidth(NetworkQos q) {
        if (q == null) {
            return NicBandwidth.NONE;
        }
        return new NicBandwidth(direction(q.inbound()), direction(q.outbound()));
    }

    private static Bandwidth direction(NetworkQos.Shaping s) {
        if (s == null || s.averageMbps() == null) {
            return Bandwidth.NONE;
        }
        long peak = s.peakMbps() == null ? 0 : LibvirtQos.kbytesPerSecondFromMbps(s.peakMbps());
        return new Bandwidth(LibvirtQos.kbytesPerSecondFromMbps(s.averageMbps()), peak, orZero(s.burstKb()));
    }

    private static long bytes(Long kBps) {
        return kBps == null ? 0 : LibvirtQos.bytesPerSecond(kBps);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /**
     * Shares: a preset level is recomputed for the current vCPU count (500/1000/2000 per vCPU), CUSTOM is taken as
     * given. Quota: the limit spread over the vCPUs on the default period; none without a limit.
     */
    CpuTune cpuTune(String hostId, CpuQos q, int vcpus) {
        String level = q == null || q.sharesLevel() == null ? SharesLevel.NORMAL.name() : q.sharesLevel();
        long shares = level.equals(SharesLevel.CUSTOM.name()) ? q.shares()
                : org.openvrm.core.qos.CpuQos.cpuShares(SharesLevel.valueOf(level), vcpus);
        long period = LibvirtQos.DEFAULT_PERIOD_MICROS;
        if (q == null || q.limitMhz() == null) {
            return new CpuTune(shares, period, CpuTune.UNLIMITED);
        }
        int mhz = hostMhz.of(hostId).orElseThrow(() -> new TaskFailure("HOST_HARDWARE_UNKNOWN",
                "host " + hostId + " has not reported its CPU clock yet, so cpuQos.limitMhz cannot be applied"));
        return new CpuTune(shares, period, LibvirtQos.cpuQuotaMicros(q.limitMhz(), mhz, vcpus, period));
    }
}
