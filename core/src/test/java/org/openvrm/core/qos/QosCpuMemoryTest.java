package org.openvrm.core.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvrm.core.qos.QosRules.LIMIT_ABOVE_SIZE;
import static org.openvrm.core.qos.QosRules.NEGATIVE;
import static org.openvrm.core.qos.QosRules.OUT_OF_RANGE;
import static org.openvrm.core.qos.QosRules.RESERVATION_ABOVE_LIMIT;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QosCpuMemoryTest {

    /** field:code pairs, the order the validator reports them in. */
    static List<String> codes(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ":" + v.code()).toList();
    }

    record CpuCase(String name, CpuQos qos, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    // 4 vCPUs: absurd guard 4 x 100000 = 400000 MHz
    static Stream<CpuCase> cpuCases() {
        return Stream.of(
                new CpuCase("defaults: 4 x 1000 shares", CpuQos.defaults(4), List.of()),
                new CpuCase("lowest libvirt shares", new CpuQos(2, 0, null), List.of()),
                new CpuCase("highest libvirt shares", new CpuQos(262_144, 0, null), List.of()),
                new CpuCase("shares 1", new CpuQos(1, 0, null), List.of("cpuQos.shares:" + OUT_OF_RANGE)),
                new CpuCase("shares 262145", new CpuQos(262_145, 0, null), List.of("cpuQos.shares:" + OUT_OF_RANGE)),
                new CpuCase("negative shares", new CpuQos(-5, 0, null), List.of("cpuQos.shares:" + NEGATIVE)),
                new CpuCase("negative reservation", new CpuQos(1000, -1, null),
                        List.of("cpuQos.reservationMhz:" + NEGATIVE)),
                new CpuCase("reservation at the guard", new CpuQos(1000, 400_000, null), List.of()),
                new CpuCase("reservation past the guard", new CpuQos(1000, 400_001, null),
                        List.of("cpuQos.reservationMhz:" + OUT_OF_RANGE)),
                new CpuCase("limit 1", new CpuQos(1000, 0, 1L), List.of()),
                new CpuCase("limit 0", new CpuQos(1000, 0, 0L), List.of("cpuQos.limitMhz:" + OUT_OF_RANGE)),
                new CpuCase("negative limit", new CpuQos(1000, 0, -1L), List.of("cpuQos.limitMhz:" + NEGATIVE)),
                new CpuCase("limit past the guard", new CpuQos(1000, 0, 400_001L),
                        List.of("cpuQos.limitMhz:" + OUT_OF_RANGE)),
                new CpuCase("reservation = limit", new CpuQos(1000, 2000, 2000L), List.of()),
                new CpuCase("reservation 2000 > limit 1000", new CpuQos(1000, 2000, 1000L),
                        List.of("cpuQos.reservationMhz:" + RESERVATION_ABOVE_LIMIT)),
                new CpuCase("both broken: no comparison on top", new CpuQos(0, -1, 0L),
                        List.of("cpuQos.shares:" + OUT_OF_RANGE, "cpuQos.reservationMhz:" + NEGATIVE,
                                "cpuQos.limitMhz:" + OUT_OF_RANGE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cpuCases")
    void cpu(CpuCase c) {
        assertThat(codes(QosRules.validateCpu("cpuQos", c.qos(), 4))).isEqualTo(c.expected());
    }

    record MemoryCase(String name, MemoryQos qos, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    // a 4096 MB VM: shares guard 4096 x 1000 = 4096000
    static Stream<MemoryCase> memoryCases() {
        return Stream.of(
                new MemoryCase("defaults: 4096 x 10 shares", MemoryQos.defaults(4096), List.of()),
                new MemoryCase("zero shares", new MemoryQos(0, 0, null), List.of()),
                new MemoryCase("shares at the guard", new MemoryQos(4_096_000, 0, null), List.of()),
                new MemoryCase("shares past the guard", new MemoryQos(4_096_001, 0, null),
                        List.of("memoryQos.shares:" + OUT_OF_RANGE)),
                new MemoryCase("negative shares", new MemoryQos(-1, 0, null), List.of("memoryQos.shares:" + NEGATIVE)),
                new MemoryCase("negative reservation", new MemoryQos(40_960, -1, null),
                        List.of("memoryQos.reservationMb:" + NEGATIVE)),
                new MemoryCase("reservation = size, no limit", new MemoryQos(40_960, 4096, null), List.of()),
                new MemoryCase("reservation 4097 > size 4096, no limit", new MemoryQos(40_960, 4097, null),
                        List.of("memoryQos.reservationMb:" + RESERVATION_ABOVE_LIMIT)),
                new MemoryCase("limit = size", new MemoryQos(40_960, 0, 4096L), List.of()),
                new MemoryCase("limit 4097 > size 4096", new MemoryQos(40_960, 0, 4097L),
                        List.of("memoryQos.limitMb:" + LIMIT_ABOVE_SIZE)),
                new MemoryCase("limit 0", new MemoryQos(40_960, 0, 0L), List.of("memoryQos.limitMb:" + OUT_OF_RANGE)),
                new MemoryCase("negative limit", new MemoryQos(40_960, 0, -1L),
                        List.of("memoryQos.limitMb:" + NEGATIVE)),
                new MemoryCase("reservation 3000 > limit 2048", new MemoryQos(40_960, 3000, 2048L),
                        List.of("memoryQos.reservationMb:" + RESERVATION_ABOVE_LIMIT)),
                // the limit is broken, so the reservation is held against the size: 4500 > 4096
                new MemoryCase("limit 5000 and reservation 4500", new MemoryQos(40_960, 4500, 5000L),
                        List.of("memoryQos.limitMb:" + LIMIT_ABOVE_SIZE,
                                "memoryQos.reservationMb:" + RESERVATION_ABOVE_LIMIT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memoryCases")
    void memory(MemoryCase c) {
        assertThat(codes(QosRules.validateMemory("memoryQos", c.qos(), 4096))).isEqualTo(c.expected());
    }

    @Test
    void messagesNameTheNumbers() {
        assertThat(QosRules.validateCpu("cpuQos", new CpuQos(1000, 2000, 1000L), 4))
                .extracting(Violation::message)
                .containsExactly("reservationMhz 2000 MHz is above limitMhz 1000 MHz");
        assertThat(QosRules.validateCpu("cpuQos", new CpuQos(1000, 0, 0L), 4))
                .extracting(Violation::message)
                .containsExactly("limitMhz must be between 1 and 400000 MHz, got 0 MHz; omit it for no limit");
        assertThat(QosRules.validateMemory("memoryQos", new MemoryQos(0, 4097, null), 4096))
                .extracting(Violation::message)
                .containsExactly("reservationMb 4097 MB is above the VM's memory size 4096 MB (the default limit)");
        assertThat(QosRules.validateMemory("memoryQos", new MemoryQos(0, 0, 4097L), 4096))
                .extracting(Violation::message)
                .containsExactly("limitMb 4097 MB is above the VM's memory size 4096 MB");
    }

    @Test
    void emptyPrefixGivesBareFieldAndNullIsNotGiven() {
        assertThat(QosRules.validateCpu("", new CpuQos(1000, 0, 0L), 1))
                .extracting(Violation::field).containsExactly("limitMhz");
        assertThat(QosRules.validateCpu("cpuQos", null, 1)).isEmpty();
        assertThat(QosRules.validateMemory("memoryQos", null, 1)).isEmpty();
    }

    @Test
    void anInvalidVmSizeIsTheCallersBug() {
        assertThatThrownBy(() -> QosRules.validateCpu("cpuQos", CpuQos.defaults(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QosRules.validateMemory("memoryQos", MemoryQos.defaults(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
