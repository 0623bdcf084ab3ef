package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest(name = "{0} = {1} MB")
    @CsvSource({
            "20G,     20480",   // 20 x 1024
            "512M,    512",
            "512m,    512",
            "1.5G,    1536",    // 1.5 x 1024
            "1T,      1048576", // 1024 x 1024
            "20GB,    20480",
            "20GiB,   20480",
            "2048K,   2",       // 2048 / 1024
            "' 8G ',  8192",
    })
    void sizes(String text, long mb) {
        assertThat(Units.parseSizeMb("--disk size", text)).isEqualTo(mb);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"20", "20X", "G", "-1G", "0G", "0.5M", "512K", "abc", "", "1.2.3G", "20B"})
    void badSizes(String text) {
        assertThatThrownBy(() -> Units.parseSizeMb("--disk size", text))
                .isInstanceOf(CliException.Usage.class)
                .hasMessageContaining("--disk size '" + text + "'");
    }

    @ParameterizedTest(name = "--memory-gb {0} = {1} MB")
    @CsvSource({"4, 4096", "0.5, 512", "1.25, 1280", "64, 65536"})
    void gigabytes(String gb, long mb) {
        assertThat(Units.gbToMb("--memory-gb", gb)).isEqualTo(mb);
    }

    @ParameterizedTest(name = "--memory-gb {0} is refused")
    @ValueSource(strings = {"0", "-2", "0.0001", "lots"})
    void badGigabytes(String gb) {
        assertThatThrownBy(() -> Units.gbToMb("--memory-gb", gb)).isInstanceOf(CliException.Usage.class);
    }

    @ParameterizedTest(name = "{0} MB shows as {1} GB")
    @CsvSource({"1536, 1.5", "20480, 20", "1000, 1", "0, 0", "100, 0.1", "22937, 22.4"})
    void showsGigabytes(long mb, String shown) {
        assertThat(Units.gb(mb)).isEqualTo(shown);
    }

    @org.junit.jupiter.api.Test
    void memoryTakesOneOfTheTwoOptions() {
        assertThat(Units.memoryMb("--memory-mb", 2048L, "--memory-gb", null)).isEqualTo(2048L);
        assertThat(Units.memoryMb("--memory-mb", null, "--memory-gb", "2")).isEqualTo(2048L);
        assertThat(Units.memoryMb("--memory-mb", null, "--memory-gb", null)).isNull();
        assertThatThrownBy(() -> Units.memoryMb("--memory-mb", 2048L, "--memory-gb", "2"))
                .isInstanceOf(CliException.Usage.class).hasMessage("give --memory-mb or --memory-gb, not both");
        assertThatThrownBy(() -> Units.memoryMb("--memory-mb", 0L, "--memory-gb", null))
                .isInstanceOf(CliException.Usage.class);
    }
}
