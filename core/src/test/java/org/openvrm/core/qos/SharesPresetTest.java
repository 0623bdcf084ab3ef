package org.openvrm.core.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SharesPresetTest {

    @ParameterizedTest(name = "{0} x {1} vCPUs -> {2}")
    @CsvSource({
            "LOW, 4, 2000",       // 500 x 4
            "NORMAL, 4, 4000",    // 1000 x 4
            "HIGH, 4, 8000",      // 2000 x 4
            "NORMAL, 1, 1000",
            "HIGH, 131, 262000",  // 2000 x 131, still under 262144
            "HIGH, 132, 262144",  // 2000 x 132 = 264000, capped at libvirt's most
    })
    void cpuShares(SharesLevel level, int vcpus, int expected) {
        assertThat(CpuQos.cpuShares(level, vcpus)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} x {1} MB -> {2}")
    @CsvSource({
            "LOW, 4096, 20480",    // 5 x 4096
            "NORMAL, 4096, 40960", // 10 x 4096
            "HIGH, 4096, 81920",   // 20 x 4096
    })
    void memoryShares(SharesLevel level, long memoryMb, long expected) {
        assertThat(MemoryQos.memoryShares(level, memoryMb)).isEqualTo(expected);
    }

    @Test
    void customHasNoPresetAndSizesMustBePositive() {
        assertThatThrownBy(() -> CpuQos.cpuShares(SharesLevel.CUSTOM, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemoryQos.memoryShares(SharesLevel.CUSTOM, 4096))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuQos.cpuShares(SharesLevel.LOW, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemoryQos.memoryShares(SharesLevel.LOW, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAndEffectiveLimit() {
        assertThat(CpuQos.defaults(2)).isEqualTo(new CpuQos(2000, 0, null));
        assertThat(MemoryQos.defaults(2048)).isEqualTo(new MemoryQos(20_480, 0, null));
        assertThat(MemoryQos.defaults(2048).effectiveLimitMb(2048)).isEqualTo(2048);
        assertThat(new MemoryQos(0, 0, 1024L).effectiveLimitMb(2048)).isEqualTo(1024);
    }
}
