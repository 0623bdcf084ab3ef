package org.openvrm.core.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.core.qos.QosCpuMemoryTest.codes;
import static org.openvrm.core.qos.QosRules.CONFLICT;
import static org.openvrm.core.qos.QosRules.NEGATIVE;
import static org.openvrm.core.qos.QosRules.OUT_OF_RANGE;
import static org.openvrm.core.qos.QosRules.PEAK_BELOW_AVERAGE;
import static org.openvrm.core.qos.QosRules.REQUIRES_AVERAGE;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QosIoTest {

    private static final String DISK = "disks[1].ioLimits";
    private static final String IN = "portGroups[0].qos.inbound";

    record DiskCase(String name, DiskIoLimits limits, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<DiskCase> diskCases() {
        return Stream.of(
                new DiskCase("unlimited", DiskIoLimits.UNLIMITED, List.of()),
                new DiskCase("read/write pairs", new DiskIoLimits(10_240L, 5_120L, null, 500L, 300L, null), List.of()),
                new DiskCase("totals alone", new DiskIoLimits(null, null, 20_480L, null, null, 1000L), List.of()),
                // bytes and requests are separate families: a bytes total with a read IOPS is fine
                new DiskCase("total bytes with read IOPS", new DiskIoLimits(null, null, 20_480L, 500L, null, null),
                        List.of()),
                new DiskCase("at the guard 10^9", new DiskIoLimits(1_000_000_000L, null, null, null, null, null),
                        List.of()),
                new DiskCase("past the guard", new DiskIoLimits(null, null, null, 1_000_000_001L, null, null),
                        List.of(DISK + ".readIops:" + OUT_OF_RANGE)),
                new DiskCase("zero is not unlimited", new DiskIoLimits(null, null, null, 0L, null, null),
                        List.of(DISK + ".readIops:" + OUT_OF_RANGE)),
                new DiskCase("negative", new DiskIoLimits(null, -3L, null, null, null, null),
                        List.of(DISK + ".writeKBps:" + NEGATIVE)),
                new DiskCase("total KB/s with read KB/s", new DiskIoLimits(1024L, null, 2048L, null, null, null),
                        List.of(DISK + ".totalKBps:" + CONFLICT)),
                new DiskCase("total IOPS with write IOPS", new DiskIoLimits(null, null, null, null, 100L, 200L),
                        List.of(DISK + ".totalIops:" + CONFLICT)),
                new DiskCase("both families conflict", new DiskIoLimits(1L, 1L, 1L, 1L, 1L, 1L),
                        List.of(DISK + ".totalKBps:" + CONFLICT, DISK + ".totalIops:" + CONFLICT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diskCases")
    void disk(DiskCase c) {
        assertThat(codes(QosRules.validateDisk(DISK, c.limits()))).isEqualTo(c.expected());
    }

    record ShapingCase(String name, Shaping shaping, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ShapingCase> shapingCases() {
        return Stream.of(
                new ShapingCase("not shaped", null, List.of()),
                new ShapingCase("average only", Shaping.average(100), List.of()),
                new ShapingCase("average, peak, burst", new Shaping(100L, 200L, 1024L), List.of()),
                new ShapingCase("peak = average", new Shaping(100L, 100L, null), List.of()),
                new ShapingCase("average at 100 Gbit/s", Shaping.average(100_000), List.of()),
                new ShapingCase("peak 50 < average 100", new Shaping(100L, 50L, null),
                        List.of(IN + ".peakMbps:" + PEAK_BELOW_AVERAGE)),
                new ShapingCase("peak without average", new Shaping(null, 200L, null),
                        List.of(IN + ".peakMbps:" + REQUIRES_AVERAGE)),
                new ShapingCase("peak and burst without average", new Shaping(null, 200L, 64L),
                        List.of(IN + ".peakMbps:" + REQUIRES_AVERAGE, IN + ".burstKb:" + REQUIRES_AVERAGE)),
                new ShapingCase("average 0", Shaping.average(0), List.of(IN + ".averageMbps:" + OUT_OF_RANGE)),
                new ShapingCase("average past 100 Gbit/s", Shaping.average(100_001),
                        List.of(IN + ".averageMbps:" + OUT_OF_RANGE)),
                new ShapingCase("negative average", Shaping.average(-1), List.of(IN + ".averageMbps:" + NEGATIVE)),
                new ShapingCase("burst 0", new Shaping(100L, null, 0L), List.of(IN + ".burstKb:" + OUT_OF_RANGE)),
                // 1 GiB = 1048576 KB is the most
                new ShapingCase("burst past 1 GiB", new Shaping(100L, null, 1_048_577L),
                        List.of(IN + ".burstKb:" + OUT_OF_RANGE)),
                // a broken average is not compared with the peak
                new ShapingCase("average 0, peak 50", new Shaping(0L, 50L, null),
                        List.of(IN + ".averageMbps:" + OUT_OF_RANGE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapingCases")
    void shaping(ShapingCase c) {
        assertThat(codes(QosRules.validateShaping(IN, c.shaping()))).isEqualTo(c.expected());
    }

    @Test
    void networkNamesEachDirection() {
        var qos = new NetworkQos(Shaping.average(0), new Shaping(null, 10L, null));
        assertThat(codes(QosRules.validateNetwork("portGroups[0].qos", qos))).containsExactly(
                "portGroups[0].qos.inbound.averageMbps:" + OUT_OF_RANGE,
                "portGroups[0].qos.outbound.peakMbps:" + REQUIRES_AVERAGE);
        assertThat(QosRules.validateNetwork("qos", NetworkQos.UNLIMITED)).isEmpty();
        assertThat(QosRules.validateNetwork("qos", null)).isEmpty();
    }

    @Test
    void conflictAndPeakMessages() {
        assertThat(QosRules.validateDisk("d", new DiskIoLimits(1024L, null, 2048L, null, null, null)))
                .extracting(Violation::message).containsExactly(
                        "totalKBps cannot be combined with readKBps or writeKBps; set either the total or the read/write pair");
        assertThat(QosRules.validateShaping("s", new Shaping(100L, 50L, null)))
                .extracting(Violation::message)
                .containsExactly("peakMbps 50 Mbit/s is below averageMbps 100 Mbit/s");
    }

    @Test
    void unlimitedDisk() {
        assertThat(DiskIoLimits.UNLIMITED.unlimited()).isTrue();
        assertThat(new DiskIoLimits(1L, null, null, null, null, null).unlimited()).isFalse();
    }
}
