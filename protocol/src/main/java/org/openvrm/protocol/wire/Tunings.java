package org.openvrm.protocol.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.MemTune;
import org.openvrm.driver.NicBandwidth;
import org.openvrm.driver.Tuning;

/**
 * The QoS values of driver-spi to and from their protobuf form, one pair of methods per type; reading goes through
 * the records' constructors, so a message breaking their rules is refused as they would refuse it.
 */
public final class Tunings {

    private Tunings() {
    }

    public static org.openvrm.protocol.wire.pb.Tuning tuning(Tuning t) {
        var b = org.openvrm.protocol.wire.pb.Tuning.newBuilder().setCpu(cpu(t.cpu())).setMemory(memory(t.memory()));
        t.disks().forEach((id, io) -> b.putDisks(id, io(io)));
        t.nics().forEach((mac, bw) -> b.putNics(mac, nic(bw)));
        return b.build();
    }

    public static Tuning tuning(org.openvrm.protocol.wire.pb.Tuning m) {
        if (!m.hasCpu() || !m.hasMemory()) {
            throw new IllegalArgumentException("a tuning needs its CPU and memory parts");
        }
        Map<String, IoTune> disks = new LinkedHashMap<>();
        m.getDisksMap().forEach((id, io) -> disks.put(id, io(io)));
        Map<String, NicBandwidth> nics = new LinkedHashMap<>();
        m.getNicsMap().forEach((mac, bw) -> nics.put(mac, nic(bw)));
        return new Tuning(cpu(m.getCpu()), memory(m.getMemory()), disks, nics);
    }

    public static org.openvrm.protocol.wire.pb.CpuTune cpu(DomainSpec.CpuTune c) {
        return org.openvrm.protocol.wire.pb.CpuTune.newBuilder().setShares(c.shares())
                .setPeriodMicros(c.periodMicros()).setQuotaMicros(c.quotaMicros()).build();
    }

    public static DomainSpec.CpuTune cpu(org.openvrm.protocol.wire.pb.CpuTune m) {
        return new DomainSpec.CpuTune(m.getShares(), m.getPeriodMicros(), m.getQuotaMicros());
    }

    public static org.openvrm.protocol.wire.pb.MemTune memory(MemTune t) {
        return org.openvrm.protocol.wire.pb.MemTune.newBuilder().setBalloonMb(t.balloonMb())
                .setSoftLimitMb(t.softLimitMb()).build();
    }

    public static MemTune memory(org.openvrm.protocol.wire.pb.MemTune m) {
        return new MemTune(m.getBalloonMb(), m.getSoftLimitMb());
    }

    public static org.openvrm.protocol.wire.pb.IoTune io(IoTune t) {
        return org.openvrm.protocol.wire.pb.IoTune.newBuilder().setReadBytesSec(t.readBytesSec())
                .setWriteBytesSec(t.writeBytesSec()).setTotalBytesSec(t.totalBytesSec())
                .setReadIopsSec(t.readIopsSec()).setWriteIopsSec(t.writeIopsSec()).setTotalIopsSec(t.totalIopsSec())
                .build();
    }

    public static IoTune io(org.openvrm.protocol.wire.pb.IoTune m) {
        return new IoTune(m.getReadBytesSec(), m.getWriteBytesSec(), m.getTotalBytesSec(), m.getReadIopsSec(),
                m.getWriteIopsSec(), m.getTotalIopsSec());
    }

    public static org.openvrm.protocol.wire.pb.NicBandwidth nic(NicBandwidth b) {
        return org.openvrm.protocol.wire.pb.NicBandwidth.newBuilder().setInbound(direction(b.inbound()))
                .setOutbound(direction(b.outbound())).build();
    }

    /** A direction left out of the message is not shaped. */
    public static NicBandwidth nic(org.openvrm.protocol.wire.pb.NicBandwidth m) {
        return new NicBandwidth(m.hasInbound() ? direction(m.getInbound()) : Bandwidth.NONE,
                m.hasOutbound() ? direction(m.getOutbound()) : Bandwidth.NONE);
    }

    private static org.openvrm.protocol.wire.pb.Bandwidth direction(Bandwidth b) {
        return org.openvrm.protocol.wire.pb.Bandwidth.newBuilder().setAverageKbps(b.averageKBps())
                .setPeakKbps(b.peakKBps()).setBurstKb(b.burstKb()).build();
    }

    private static Bandwidth direction(org.openvrm.protocol.wire.pb.Bandwidth m) {
        return new Bandwidth(m.getAverageKbps(), m.getPeakKbps(), m.getBurstKb());
    }
}
