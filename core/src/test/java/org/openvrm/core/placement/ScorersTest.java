package org.openvrm.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.core.placement.HostBuilder.host;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Host: 86400 MHz and 116326 MB usable at 2400 MHz (see {@link HostBuilder}). */
class ScorersTest {

    record Case(String name, HostScorer scorer, VmDemand demand, HostBuilder host, int score) {
        @Override
        public String toString() {
            return scorer.name() + ": " + name;
        }
    }

    static VmDemand vm(int vcpus, long memoryMb) {
        return new VmDemand(vcpus, memoryMb, 0, 0, 1, 1);
    }

    static Stream<Case> cases() {
        var memory = new LeastPlacedMemoryScorer();
        var cpu = new LeastPlacedCpuScorer();
        return Stream.of(
                // 116326 x 100 / (116326 + 4096) = 96.6 -> 96
                new Case("empty host", memory, vm(4, 4096), host("h"), 96),
                // 54067 + 4096 = 58163 = half of 116326: 116326 x 100 / 174489 = 66.7 -> 66
                new Case("half placed", memory, vm(4, 4096), host("h").placed(54_067, 0), 66),
                // stopped VMs count: placed, not powered on
                new Case("stopped VMs count", memory, vm(4, 4096), host("h").placed(54_067, 0).poweredOnMemory(0), 66),
                // 112230 + 4096 = 116326 = capacity -> 50
                new Case("exactly full", memory, vm(4, 4096), host("h").placed(112_230, 0), 50),
                // still falling beyond full, so stopped VMs keep spreading: 11632600 / 320422 = 36.3 -> 36
                new Case("beyond full", memory, vm(4, 4096), host("h").placed(200_000, 0), 36),
                // capacity floor(116326 x 1.3) = 151223: 151223 x 100 / (151223 + 4096) = 97.36 -> 97
                new Case("overcommit raises capacity", memory, vm(4, 4096), host("h").overcommit(1.3), 97),
                // 8 GB host: usable 0 -> 0
                new Case("no usable memory", memory, vm(1, 1), host("h").hardware(4, 2000, 8192), 0),

                // 4 x 2400 = 9600: 86400 x 100 / 96000 = 90
                new Case("empty host", cpu, vm(4, 4096), host("h"), 90),
                // 33600 + 9600 = 43200 = half of 86400: 8640000 / 129600 = 66.7 -> 66
                new Case("half placed", cpu, vm(4, 4096), host("h").placed(0, 33_600), 66),
                // 76800 + 9600 = 86400 = capacity -> 50
                new Case("exactly full", cpu, vm(4, 4096), host("h").placed(0, 76_800), 50),
                // 2 CPUs: 2 management vCPUs, usable 0 -> 0
                new Case("no usable MHz", cpu, vm(1, 1024), host("h").hardware(2, 2400, 16_384), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void score(Case c) {
        assertThat(c.scorer().score(c.demand(), c.host().build())).isEqualTo(c.score());
    }
}
