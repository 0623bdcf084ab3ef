package org.openvrm.protocol.wire;

import java.time.Instant;
import java.util.Optional;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.GuestInterface;
import org.openvrm.driver.HostInventory;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.VirtualizationType;
import org.openvrm.driver.VncEndpoint;
import org.openvrm.protocol.HostReport;
import org.openvrm.protocol.wire.pb.DiskSpec;
import org.openvrm.protocol.wire.pb.NicSpec;
import org.openvrm.protocol.wire.pb.OptionalDomain;
import org.openvrm.protocol.wire.pb.OptionalVnc;

/**
 * The driver-spi values to and from their protobuf form, one pair of methods per type. Reading goes through the
 * records' own constructors, so a message that breaks a record's rule is refused as the record would refuse it.
 */
public final class Values {

    private Values() {
    }

    public static org.openvrm.protocol.wire.pb.DomainSpec spec(DomainSpec s) {
        var b = org.openvrm.protocol.wire.pb.DomainSpec.newBuilder().setVmId(s.vmId()).setName(s.name())
                .setGeneration(s.generation()).setVcpus(s.vcpus()).setMaxVcpus(s.maxVcpus())
                .setMemoryMb(s.memoryMb()).addAllBootOrder(s.bootOrder())
                .setCpuTune(Tunings.cpu(s.cpuTune())).setMemTune(Tunings.memory(s.memTune()));
        for (var d : s.disks()) {
            var db = DiskSpec.newBuilder().setId(d.id()).setSizeMb(d.sizeMb()).setThick(d.thick()).setBus(d.bus())
                    .setIoTune(Tunings.io(d.ioTune()));
            if (d.datastorePath() != null) {
                db.setDatastorePath(d.datastorePath());
            }
            if (d.sourceImage() != null) {
                db.setSourceImage(d.sourceImage());
            }
            b.addDisks(db);
        }
        for (var n : s.nics()) {
            b.addNics(NicSpec.newBuilder().setMac(n.mac()).setNetwork(n.network()).setModel(n.model())
                    .setBandwidth(Tunings.nic(n.bandwidth())));
        }
        return b.build();
    }

    /** Parts a sender left out (an older sender: no QoS beyond CPU) take the records' defaults. */
    public static DomainSpec spec(org.openvrm.protocol.wire.pb.DomainSpec m) {
        var disks = m.getDisksList().stream().map(d -> new DomainSpec.DiskSpec(d.getId(), d.getSizeMb(),
                d.hasDatastorePath() ? d.getDatastorePath() : null, d.hasSourceImage() ? d.getSourceImage() : null,
                d.getThick(), d.getBus(), d.hasIoTune() ? Tunings.io(d.getIoTune()) : null)).toList();
        var nics = m.getNicsList().stream().map(n -> new DomainSpec.NicSpec(n.getMac(), n.getNetwork(),
                n.getModel(), n.hasBandwidth() ? Tunings.nic(n.getBandwidth()) : null)).toList();
        var tune = m.hasCpuTune() ? Tunings.cpu(m.getCpuTune()) : null;
        var mem = m.hasMemTune() ? Tunings.memory(m.getMemTune()) : null;
        return new DomainSpec(m.getVmId(), m.getName(), m.getGeneration(), m.getVcpus(), m.getMaxVcpus(),
                m.getMemoryMb(), disks, nics, m.getBootOrderList(), tune, mem);
    }

    public static org.openvrm.protocol.wire.pb.DomainStatus status(DomainStatus s) {
        return org.openvrm.protocol.wire.pb.DomainStatus.newBuilder().setVmId(s.vmId()).setState(s.state().name())
                .setGeneration(s.generation()).build();
    }

    public static DomainStatus status(org.openvrm.protocol.wire.pb.DomainStatus m) {
        return new DomainStatus(m.getVmId(), name(PowerState.class, m.getState()), m.getGeneration());
    }

    public static OptionalDomain domain(Optional<DomainStatus> s) {
        var b = OptionalDomain.newBuilder();
        s.ifPresent(d -> b.setStatus(status(d)));
        return b.build();
    }

    public static Optional<DomainStatus> domain(OptionalDomain m) {
        return m.hasStatus() ? Optional.of(status(m.getStatus())) : Optional.empty();
    }

    public static org.openvrm.protocol.wire.pb.HostReport report(HostReport r) {
        var i = r.inventory();
        var inv = org.openvrm.protocol.wire.pb.HostInventory.newBuilder().setHostname(i.hostname())
                .setCpuModel(i.cpuModel()).setSockets(i.sockets()).setCoresPerSocket(i.coresPerSocket())
                .setThreadsPerCore(i.threadsPerCore()).setLogicalCpus(i.logicalCpus()).setMhz(i.mhz())
                .setMemoryMb(i.memoryMb()).setNumaNodes(i.numaNodes()).setVirtualization(i.virtualization().name());
        return org.openvrm.protocol.wire.pb.HostReport.newBuilder().setInventory(inv)
                .addAllDomains(r.domains().stream().map(Values::status).toList()).build();
    }

    public static HostReport report(org.openvrm.protocol.wire.pb.HostReport m) {
        var i = m.getInventory();
        var inv = new HostInventory(i.getHostname(), i.getCpuModel(), i.getSockets(), i.getCoresPerSocket(),
                i.getThreadsPerCore(), i.getLogicalCpus(), i.getMhz(), i.getMemoryMb(), i.getNumaNodes(),
                name(VirtualizationType.class, i.getVirtualization()));
        return new HostReport(inv, m.getDomainsList().stream().map(Values::status).toList());
    }

    public static OptionalVnc vnc(Optional<VncEndpoint> v) {
        var b = OptionalVnc.newBuilder();
        v.ifPresent(e -> b.setHost(e.host()).setPort(e.port()));
        return b.build();
    }

    public static Optional<VncEndpoint> vnc(OptionalVnc m) {
        return m.hasHost() ? Optional.of(new VncEndpoint(m.getHost(), m.getPort())) : Optional.empty();
    }

    public static org.openvrm.protocol.wire.pb.GuestInfo guest(GuestInfo g) {
        var b = org.openvrm.protocol.wire.pb.GuestInfo.newBuilder().setAgentResponding(g.agentResponding());
        g.hostname().ifPresent(b::setHostname);
        for (var i : g.interfaces()) {
            b.addInterfaces(org.openvrm.protocol.wire.pb.GuestInterface.newBuilder().setName(i.name())
                    .setMac(i.mac()).addAllAddresses(i.addresses()));
        }
        return b.build();
    }

    public static GuestInfo guest(org.openvrm.protocol.wire.pb.GuestInfo m) {
        return new GuestInfo(m.getAgentResponding(), m.hasHostname() ? Optional.of(m.getHostname())
                : Optional.empty(), m.getInterfacesList().stream().map(i -> new GuestInterface(i.getName(),
                i.getMac(), i.getAddressesList())).toList());
    }

    public static org.openvrm.protocol.wire.pb.SnapshotInfo snapshot(SnapshotInfo s) {
        var b = org.openvrm.protocol.wire.pb.SnapshotInfo.newBuilder().setSnapshotId(s.snapshotId())
                .setStateAtSnapshot(s.stateAtSnapshot().name());
        s.createdAt().ifPresent(t -> b.setCreatedAtMillis(t.toEpochMilli()));
        return b.build();
    }

    public static SnapshotInfo snapshot(org.openvrm.protocol.wire.pb.SnapshotInfo m) {
        return new SnapshotInfo(m.getSnapshotId(), m.hasCreatedAtMillis()
                ? Optional.of(Instant.ofEpochMilli(m.getCreatedAtMillis())) : Optional.empty(),
                name(PowerState.class, m.getStateAtSnapshot()));
    }

    /** A Java enum from its name on the wire; an unknown name is a protocol error, said plainly. */
    public static <E extends Enum<E>> E name(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + name + "' on the wire");
        }
    }
}
