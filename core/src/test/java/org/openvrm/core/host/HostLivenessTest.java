package org.openvrm.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvrm.core.host.HostLiveness.Liveness.CONNECTED;
import static org.openvrm.core.host.HostLiveness.Liveness.DISCONNECTED;
import static org.openvrm.core.host.HostLiveness.Liveness.FAILED;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvrm.core.host.HostLiveness.Liveness;
import org.openvrm.core.host.HostLiveness.Timeouts;

class HostLivenessTest {

    // interval 10 s, disconnected after 30 s of silence, failed after 120 s
    private static final Timeouts T = Timeouts.DEFAULTS;

    record Case(Liveness current, long silenceMillis, boolean linkClosed, Liveness next) {}

    static Stream<Case> cases() {
        return Stream.of(
                // connected: stays until the silence reaches disconnectAfter, exactly
                new Case(CONNECTED, 0, false, CONNECTED),
                new Case(CONNECTED, 29_999, false, CONNECTED),
                new Case(CONNECTED, 30_000, false, DISCONNECTED),
                // one step at a time: past failAfter it is first disconnected
                new Case(CONNECTED, 500_000, false, DISCONNECTED),
                // a closed link disconnects at once, however recent the last word
                new Case(CONNECTED, 0, true, DISCONNECTED),
                // disconnected: failed when the silence reaches failAfter, exactly
                new Case(DISCONNECTED, 30_000, false, DISCONNECTED),
                new Case(DISCONNECTED, 119_999, false, DISCONNECTED),
                new Case(DISCONNECTED, 120_000, false, FAILED),
                new Case(DISCONNECTED, 119_999, true, DISCONNECTED),
                new Case(DISCONNECTED, 120_000, true, FAILED),
                // heard again: back from disconnected or failed
                new Case(DISCONNECTED, 29_999, false, CONNECTED),
                new Case(DISCONNECTED, 0, false, CONNECTED),
                new Case(FAILED, 29_999, false, CONNECTED),
                new Case(FAILED, 0, false, CONNECTED),
                // failed stays failed while silent or while its link is closed
                new Case(FAILED, 30_000, false, FAILED),
                new Case(FAILED, 10_000_000, false, FAILED),
                new Case(FAILED, 0, true, FAILED));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void nextState(Case c) {
        assertThat(HostLiveness.next(c.current(), Duration.ofMillis(c.silenceMillis()), c.linkClosed(), T))
                .isEqualTo(c.next());
    }

    @Test
    void timeoutsMustGrowFromIntervalToDisconnectToFail() {
        assertThatThrownBy(() -> new Timeouts(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(3)))
                .hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3)))
                .hasMessageContaining("disconnectAfter");
        assertThatThrownBy(() -> new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3)))
                .hasMessageContaining("failAfter");
        var ok = new Timeouts(Duration.ofMillis(200), Duration.ofMillis(201), Duration.ofMillis(202));
        assertThat(ok.failAfter()).isEqualTo(Duration.ofMillis(202));
    }
}
