package org.openvrm.manager.vm.qos;

import java.util.List;
import org.openvrm.protocol.AgentLink;
import org.openvrm.api.CpuQos;
import org.openvrm.api.DiskIoLimits;
import org.openvrm.api.MemoryQos;
import org.openvrm.api.NetworkQos;
import org.openvrm.api.VmQos;
import org.openvrm.api.VmQosUpdate.DiskQos;
import org.openvrm.api.VmQosUpdate.NicQos;
import org.openvrm.core.qos.LibvirtQos;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.NicBandwidth;
import org.openvrm.driver.Tuning;
import org.openvrm.manager.host.AgentRegistry;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.network.PortGroupService;
import org.openvrm.manager.vm.VmRecord;
import org.openvrm.manager.vm.VmService;

/**
 * A VM's QoS as configured and as its host enforces it now ({@code Agent#tuning}, a query: no task, no command id),
 * the latter converted back to the API's units with core's inverse functions so the two can be compared.
 */
public final class VmQosViews {

    private final VmService vms;
    private final HostService hosts;
    private final PortGroupService portGroups;
    private final AgentRegistry agents;

    public VmQosViews(VmService vms, HostService hosts, PortGroupService portGroups, AgentRegistry agents) {
        this.vms = vms;
        this.hosts = hosts;
        this.portGroups = portGroups;
        this.agents = agents;
    }

    public VmQos get(String vmId) {
        VmRecord vm = vms.require("id", vmId);
        var s = vm.spec();
        List<DiskQos> disks = s.disks().stream().map(d -> new DiskQos(d.id(), d.ioLimits())).toList();
        List<NicQos> nics = s.nics().stream().map(n -> new NicQos(n.id(),
                n.qos() != null ? n.qos() : portGroups.find("portGroupId", n.portGroupId()).qos())).toList();
        var configured = new VmQos.Settings(s.cpuQos(), s.memoryQos(), disks, nics);
        HostRecord host = hosts.find(vm.hostId()).orElse(null);
        AgentLink agent = host == null ? null : agents.agent(host.id()).orElse(null);
        if (agent == null) {
            return new VmQos(vm.id(), vm.state().name(), vm.hostId(), configured, null,
                    "host " + (host == null ? vm.hostId() : host.name() + " is " + host.state())
                            + ": it cannot be asked what it enforces");
        }
        try {
            return new VmQos(vm.id(), vm.state().name(), vm.hostId(), configured,
                    enforced(agent.tuning(vm.id()), vm, host), null);
        } catch (DriverException e) {
            return new VmQos(vm.id(), vm.state().name(), vm.hostId(), configured, null,
                    "host " + host.name() + " could not answer: " + e.reason() + ": " + e.getMessage());
        }
    }

    /** The host's tuning in the API's units; the CPU limit needs the host's clock, as when it was applied. */
    static VmQos.Settings enforced(Tuning t, VmRecord vm, HostRecord host) {
        var s = vm.spec();
        Long limitMhz = null;
        if (host.hardware() != null) {
            var mhz = LibvirtQos.mhzFromQuota(t.cpu().quotaMicros(), t.cpu().periodMicros(), host.hardware().mhz(),
                    s.vcpus());
            limitMhz = mhz.isPresent() ? mhz.getAsLong() : null;
        }
        var cpu = new CpuQos(null, t.cpu().shares(), null, limitMhz);
        var memory = new MemoryQos(null, null, t.memory().softLimitMb(), t.memory().balloonMb());
        List<DiskQos> disks = s.disks().stream().filter(d -> t.disks().containsKey(d.id()))
                .map(d -> new DiskQos(d.id(), io(t.disks().get(d.id())))).toList();
        List<NicQos> nics = s.nics().stream().filter(n -> t.nics().containsKey(n.mac()))
                .map(n -> new NicQos(n.id(), network(t.nics().get(n.mac())))).toList();
        return new VmQos.Settings(cpu, memory, disks, nics);
    }

    private static DiskIoLimits io(IoTune t) {
        if (!t.limited()) {
            return null;
        }
        return new DiskIoLimits(kBps(t.readBytesSec()), kBps(t.writeBytesSec()), kBps(t.totalBytesSec()),
                positive(t.readIopsSec()), positive(t.writeIopsSec()), positive(t.totalIopsSec()));
    }

    private static NetworkQos network(NicBandwidth b) {
        return b.shaped() ? new NetworkQos(shaping(b.inbound()), shaping(b.outbound())) : null;
    }

    private static NetworkQos.Shaping shaping(Bandwidth b) {
        if (!b.shaped()) {
            return null;
        }
        return new NetworkQos.Shaping(LibvirtQos.mbpsFromKbytesPerSecond(b.averageKBps()),
                b.peakKBps() == 0 ? null : LibvirtQos.mbpsFromKbytesPerSecond(b.peakKBps()), positive(b.burstKb()));
    }

    private static Long kBps(long bytesPerSecond) {
        return bytesPerSecond == 0 ? null : LibvirtQos.kBpsFromBytesPerSecond(bytesPerSecond);
    }

    private static Long positive(long value) {
        return value == 0 ? null : value;
    }
}
