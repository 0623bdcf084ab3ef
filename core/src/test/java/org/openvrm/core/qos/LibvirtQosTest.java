package org.openvrm.core.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibvirtQosTest {

    @ParameterizedTest(name = "{0} MHz on {1} MHz x {2} vCPUs, period {3} -> {4} µs")
    @CsvSource({
            "2400, 2400, 4, 100000, 25000",   // 2400 x 100000 / (2400 x 4): one core's worth over 4 vCPUs
            "1000, 2000, 2, 100000, 25000",   // 1000 x 100000 / 4000
            "9600, 2400, 4, 100000, 100000",  // the whole VM: every vCPU a full period
            "1500, 2400, 1, 100000, 62500",   // 1500 x 100000 / 2400
            "1000, 3000, 1, 100000, 33333",   // 33333.3 rounded down: never above the limit
            "100, 3000, 16, 100000, 1000",    // 100 x 100000 / 48000 = 208 -> libvirt's minimum 1000
            "1, 1000, 1, 1000, 1000",         // 1 -> 1000
            "2400, 2400, 4, 1000000, 250000", // longer period, same share: 2400 x 10^6 / 9600
    })
    void cpuQuota(long limitMhz, int hostMhz, int vcpus, long period, long expected) {
        assertThat(LibvirtQos.cpuQuotaMicros(limitMhz, hostMhz, vcpus, period)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 2400, 4, 100000", "100, 0, 4, 100000", "100, 2400, 0, 100000",
            "100, 2400, 4, 999", "100, 2400, 4, 1000001"})
    void cpuQuotaRejectsNonsense(long limitMhz, int hostMhz, int vcpus, long period) {
        assertThatThrownBy(() -> LibvirtQos.cpuQuotaMicros(limitMhz, hostMhz, vcpus, period))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} KB/s -> {1} B/s")
    @CsvSource({"0, 0", "1, 1024", "1000, 1024000", "1000000000, 1024000000000"})
    void bytesPerSecond(long kBps, long expected) {
        assertThat(LibvirtQos.bytesPerSecond(kBps)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} Mbit/s -> {1} KB/s")
    @CsvSource({
            "1, 125",           // 1000000 bit/s / 8 = 125000 B/s = 125 x 1000 B
            "8, 1000",
            "100, 12500",
            "10000, 1250000",
            "100000, 12500000",
    })
    void kbytesPerSecondFromMbps(long mbps, long expected) {
        assertThat(LibvirtQos.kbytesPerSecondFromMbps(mbps)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "shares {0} -> weight {1}")
    @CsvSource({
            "2, 1",
            "1000, 39",      // 1 + 998 x 9999 / 262142 = 1 + 38.06
            "2048, 79",      // 1 + 2046 x 9999 / 262142 = 1 + 78.04
            "262144, 10000", // 1 + 262142 x 9999 / 262142
    })
    void cgroupV2Weight(int shares, int expected) {
        assertThat(LibvirtQos.cgroupV2CpuWeight(shares)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1", "262145"})
    void cgroupV2WeightRejectsOutOfRangeShares(int shares) {
        assertThatThrownBy(() -> LibvirtQos.cgroupV2CpuWeight(shares)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LibvirtQos.bytesPerSecond(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} µs of {1} on {2} MHz x {3} vCPUs -> {4} MHz")
    @CsvSource({
            "25000, 100000, 2400, 2, 1200",   // the seed's example: half a 2400 MHz core over 2 vCPUs
            "25000, 100000, 2400, 4, 2400",   // one core's worth over 4 vCPUs
            "33333, 100000, 3000, 1, 1000",   // 999.99 rounded to the nearest: the limit that gave this quota
            "13888, 100000, 2400, 3, 1000",   // 1000 x 100000 / 7200 = 13888 (down); back: 999.94 -> 1000
            "1000, 100000, 3000, 16, 480",    // libvirt's minimum quota enforces more than a 100 MHz limit asked
            "100000, 100000, 2400, 4, 9600",  // every vCPU a full period: the whole VM
    })
    void mhzFromQuotaInvertsCpuQuota(long quota, long period, int hostMhz, int vcpus, long expected) {
        assertThat(LibvirtQos.mhzFromQuota(quota, period, hostMhz, vcpus)).hasValue(expected);
    }

    @ParameterizedTest(name = "{0} MHz survives the round trip on {1} MHz x {2} vCPUs")
    @CsvSource({"1200, 2400, 2", "1000, 2400, 3", "1500, 2400, 1", "7000, 2600, 8", "333, 3000, 1"})
    void aLimitReadsBackAsItself(long limitMhz, int hostMhz, int vcpus) {
        long quota = LibvirtQos.cpuQuotaMicros(limitMhz, hostMhz, vcpus, LibvirtQos.DEFAULT_PERIOD_MICROS);
        assertThat(LibvirtQos.mhzFromQuota(quota, LibvirtQos.DEFAULT_PERIOD_MICROS, hostMhz, vcpus))
                .hasValue(limitMhz);
    }

    @ParameterizedTest
    @CsvSource({"-1", "0"})
    void noQuotaIsNoLimit(long quota) {
        assertThat(LibvirtQos.mhzFromQuota(quota, 100_000, 2400, 2)).isEmpty();
    }

    @ParameterizedTest(name = "{0} B/s -> {1} KB/s")
    @CsvSource({"0, 0", "1024, 1", "2097152, 2048", "1024000000000, 1000000000", "1023, 0"})
    void kBpsFromBytesPerSecond(long bytes, long expected) {
        assertThat(LibvirtQos.kBpsFromBytesPerSecond(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} KB/s -> {1} Mbit/s")
    @CsvSource({"0, 0", "125, 1", "1000, 8", "12500, 100", "12500000, 100000"})
    void mbpsFromKbytesPerSecond(long kbytes, long expected) {
        assertThat(LibvirtQos.mbpsFromKbytesPerSecond(kbytes)).isEqualTo(expected);
        assertThat(LibvirtQos.kbytesPerSecondFromMbps(expected)).isEqualTo(kbytes);
    }
}
