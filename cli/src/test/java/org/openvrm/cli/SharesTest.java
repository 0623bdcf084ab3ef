package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvrm.api.CpuQos;
import org.openvrm.api.MemoryQos;

class SharesTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "low,    LOW,    ",
            "Normal, NORMAL, ",
            "HIGH,   HIGH,   ",
            "1500,   CUSTOM, 1500",
            "' 7 ',  CUSTOM, 7",
    })
    void parses(String text, String level, Long shares) {
        assertThat(Shares.parse("--cpu-shares", text)).isEqualTo(new Shares(level, shares));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"0", "-5", "custom", "", "medium", "1.5"})
    void refuses(String text) {
        assertThatThrownBy(() -> Shares.parse("--mem-shares", text))
                .isInstanceOf(CliException.Usage.class)
                .hasMessage("--mem-shares must be low, normal, high or a positive number, got '" + text + "'");
    }

    @Test
    void qosIsLeftToTheTemplateUnlessAnOptionIsGiven() {
        var none = new ShapeOptions();
        assertThat(none.cpuQos()).isNull();
        assertThat(none.memoryQos()).isNull();

        var some = new ShapeOptions();
        some.cpuShares = "high";
        some.cpuLimitMhz = 2000L;
        some.memShares = "4000";
        some.memReservationMb = 512L;
        assertThat(some.cpuQos()).isEqualTo(new CpuQos("HIGH", null, null, 2000L));
        assertThat(some.memoryQos()).isEqualTo(new MemoryQos("CUSTOM", 4000L, 512L, null));
    }

    @Test
    void bootOrder() {
        assertThat(ShapeOptions.bootOrder(null)).isNull();
        assertThat(ShapeOptions.bootOrder("disk,network")).isEqualTo(List.of("disk", "network"));
        assertThat(ShapeOptions.bootOrder(" Network , DISK")).isEqualTo(List.of("network", "disk"));
        assertThatThrownBy(() -> ShapeOptions.bootOrder("disk,,network")).isInstanceOf(CliException.Usage.class);
        assertThatThrownBy(() -> ShapeOptions.bootOrder("")).isInstanceOf(CliException.Usage.class);
    }

    @Test
    void countNamesTheVms() {
        assertThat(VmCreateCommand.names("web", 1)).isEqualTo(List.of("web"));
        assertThat(VmCreateCommand.names("web", 3)).isEqualTo(List.of("web-1", "web-2", "web-3"));
    }
}
