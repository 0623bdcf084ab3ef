package org.openvrm.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HostCapacityTest {

    record Case(String name, int cpus, int mhz, long memoryMb, HostCapacity expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        var small = new HostSpecLimits(50, 150, 100);
        var medium = new HostSpecLimits(100, 300, 200);
        var large = new HostSpecLimits(150, 450, 300);
        return Stream.of(
                // mgmt 4 vCPUs; total 40 x 2400 = 96000; usable (40 - 4) x 2400 = 86400; reserved 9600
                // memory: ceil(131072 x 0.05) = 6554 + 8192 = 14746; usable 131072 - 14746 = 116326
                new Case("seed example: 40 CPUs, 2400 MHz, 128 GB", 40, 2400, 131_072,
                        new HostCapacity(40, 2400, 131_072, 4, 96_000, 9_600, 86_400, 14_746, 116_326, medium)),
                // mgmt 2; 1 CPU cannot give 2: reserved capped at total 3000, usable 0
                // memory 8192 capped at 4096: usable 0
                new Case("smaller than its own management share", 1, 3000, 4096,
                        new HostCapacity(1, 3000, 4096, 2, 3_000, 3_000, 0, 4_096, 0, small)),
                // mgmt 2 = all CPUs: usable 0; memory 8192 - 8192 = 0
                new Case("2 CPUs, 8 GB: nothing left", 2, 2000, 8192,
                        new HostCapacity(2, 2000, 8192, 2, 4_000, 4_000, 0, 8_192, 0, small)),
                // mgmt 2; usable (10 - 2) x 2000 = 16000; 96 GB: flat 8192, usable 98304 - 8192 = 90112
                new Case("10 CPUs, 96 GB", 10, 2000, 98_304,
                        new HostCapacity(10, 2000, 98_304, 2, 20_000, 4_000, 16_000, 8_192, 90_112, small)),
                // mgmt 2; usable 9 x 2000 = 18000; 96 GB + 1 MB: 4916 + 8192 = 13108, usable 85197
                new Case("11 CPUs, 96 GB + 1 MB", 11, 2000, 98_305,
                        new HostCapacity(11, 2000, 98_305, 2, 22_000, 4_000, 18_000, 13_108, 85_197, medium)),
                // mgmt 2; usable 18 x 2000 = 36000; 192 GB: 9831 + 8192 = 18023, usable 178585
                new Case("20 CPUs, 192 GB", 20, 2000, 196_608,
                        new HostCapacity(20, 2000, 196_608, 2, 40_000, 4_000, 36_000, 18_023, 178_585, medium)),
                // mgmt 4; usable 17 x 2000 = 34000; 192 GB + 1 MB: 18023, usable 178586
                new Case("21 CPUs, 192 GB + 1 MB", 21, 2000, 196_609,
                        new HostCapacity(21, 2000, 196_609, 4, 42_000, 8_000, 34_000, 18_023, 178_586, large)),
                // mgmt 8 (6.4 -> 8); usable 56 x 2600 = 145600; 256 GB: 13108 + 8192 = 21300, usable 240844
                new Case("64 CPUs, 2600 MHz, 256 GB", 64, 2600, 262_144,
                        new HostCapacity(64, 2600, 262_144, 8, 166_400, 20_800, 145_600, 21_300, 240_844, large)),
                // an unknown frequency counts no MHz at all
                new Case("0 MHz reported", 8, 0, 16_384,
                        new HostCapacity(8, 0, 16_384, 2, 0, 0, 0, 8_192, 8_192, small)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void capacityOfHardware(Case c) {
        assertThat(HostCapacity.of(c.cpus(), c.mhz(), c.memoryMb())).isEqualTo(c.expected());
    }

    @Test
    void partsThatDoNotAddUpAreRejected() {
        var limits = new HostSpecLimits(50, 150, 100);
        // 9600 + 86000 != 96000
        assertThatThrownBy(() -> new HostCapacity(40, 2400, 131_072, 4, 96_000, 9_600, 86_000, 14_746, 116_326, limits))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalMhz");
        // 14746 + 116000 != 131072
        assertThatThrownBy(() -> new HostCapacity(40, 2400, 131_072, 4, 96_000, 9_600, 86_400, 14_746, 116_000, limits))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memoryMb");
        assertThatThrownBy(() -> HostCapacity.of(4, -1, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostCapacity.of(0, 2000, 1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
