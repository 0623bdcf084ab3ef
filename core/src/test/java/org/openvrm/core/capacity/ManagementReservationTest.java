package org.openvrm.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ManagementReservationTest {

    @ParameterizedTest(name = "{0} logical CPUs -> {1} management vCPUs")
    @CsvSource({
            "1, 2",   // 0.1 -> smallest even >= 0.1 is 2
            "2, 2",
            "10, 2",  // 1.0 -> 2
            "11, 2",  // 1.1 -> 2
            "20, 2",  // 2.0 -> 2
            "21, 4",  // 2.1 -> 4
            "40, 4",  // 4.0 -> 4
            "41, 6",  // 4.1 -> 6
            "60, 6",
            "61, 8",
            "128, 14", // 12.8 -> 14
    })
    void managementVcpusRoundsUpToEven(int logicalCpus, int expected) {
        assertThat(ManagementReservation.managementVcpus(logicalCpus)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void managementVcpusRejectsNoCpus(int logicalCpus) {
        assertThatThrownBy(() -> ManagementReservation.managementVcpus(logicalCpus))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} MB host -> {1} MB management")
    @CsvSource({
            "0, 8192",
            "8192, 8192",       // smaller than its own share: HostCapacity caps it
            "98304, 8192",      // 96 GB exactly: flat 8 GB
            "98305, 13108",     // 96 GB + 1 MB: ceil(4915.25) = 4916 + 8192
            "131072, 14746",    // 128 GB: ceil(6553.6) = 6554 + 8192
            "196608, 18023",    // 192 GB: ceil(9830.4) = 9831 + 8192
            "196609, 18023",    // 192 GB + 1 MB: ceil(9830.45) = 9831 + 8192
            "200000, 18192",    // 10000 exactly, no rounding up: 10000 + 8192
            "262144, 21300",    // 256 GB: ceil(13107.2) = 13108 + 8192
            "1048576, 60621",   // 1 TB: ceil(52428.8) = 52429 + 8192
    })
    void managementMemory(long hostMemoryMb, long expected) {
        assertThat(ManagementReservation.managementMemoryMb(hostMemoryMb)).isEqualTo(expected);
    }

    static Stream<Object[]> specTiers() {
        var small = new HostSpecLimits(50, 150, 100);
        var medium = new HostSpecLimits(100, 300, 200);
        var large = new HostSpecLimits(150, 450, 300);
        return Stream.of(
                new Object[] {0L, small},
                new Object[] {98_304L, small},   // 96 GB
                new Object[] {98_305L, medium},  // 96 GB + 1 MB
                new Object[] {131_072L, medium}, // 128 GB
                new Object[] {196_608L, medium}, // 192 GB
                new Object[] {196_609L, large},  // 192 GB + 1 MB
                new Object[] {262_144L, large}); // 256 GB
    }

    @ParameterizedTest(name = "{0} MB -> {1}")
    @MethodSource("specTiers")
    void specLimitsByMemoryTier(long hostMemoryMb, HostSpecLimits expected) {
        assertThat(ManagementReservation.specLimits(hostMemoryMb)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void negativeMemoryIsRejected(long memoryMb) {
        assertThatThrownBy(() -> ManagementReservation.managementMemoryMb(memoryMb))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ManagementReservation.specLimits(memoryMb))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
