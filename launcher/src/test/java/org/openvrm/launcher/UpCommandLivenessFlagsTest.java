package org.openvrm.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vrm up}'s host liveness flags: operator durations, defaults, and the order they must keep. */
class UpCommandLivenessFlagsTest {

    private static UpCommand parsed(String... args) {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs(args);
        return up;
    }

    @Test
    void defaultsAreTenThirtyAndHundredTwentySeconds() {
        var t = parsed().liveness();
        assertThat(t.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(t.disconnectAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.failAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void durationsReadMillisSecondsMinutesAndBareSeconds() {
        var t = parsed("--heartbeat-interval", "500ms", "--host-disconnect-after", "3",
                "--host-fail-after", "2m").liveness();
        assertThat(t.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(t.disconnectAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.failAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void failAfterNotBeyondDisconnectAfterIsAUsageError() {
        UpCommand up = parsed("--host-disconnect-after", "20s", "--host-fail-after", "20s");
        assertThatThrownBy(up::liveness).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("failAfter");
    }

    @Test
    void disconnectAfterNotBeyondTheIntervalIsAUsageError() {
        UpCommand up = parsed("--heartbeat-interval", "30s");
        assertThatThrownBy(up::liveness).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("disconnectAfter");
    }

    @Test
    void aDurationWithoutAKnownUnitIsRefused() {
        assertThatThrownBy(() -> parsed("--heartbeat-interval", "10w"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("10w");
    }
}
