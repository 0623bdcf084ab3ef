package org.openvrm.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vrm up --agent-cert-validity}: days by default, any operator duration, and a floor. */
class UpCommandAgentCertFlagTest {

    private static UpCommand parsed(String... args) {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs(args);
        return up;
    }

    @Test
    void defaultIs825Days() {
        assertThat(parsed().agentCertValidity()).isEqualTo(Duration.ofDays(825));
    }

    @Test
    void daysHoursAndSecondsAreRead() {
        assertThat(parsed("--agent-cert-validity", "90d").agentCertValidity()).isEqualTo(Duration.ofDays(90));
        assertThat(parsed("--agent-cert-validity", "12h").agentCertValidity()).isEqualTo(Duration.ofHours(12));
        assertThat(parsed("--agent-cert-validity", "30s").agentCertValidity()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void lessThanThirtySecondsIsAUsageError() {
        UpCommand up = parsed("--agent-cert-validity", "29s");
        assertThatThrownBy(up::agentCertValidity).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("at least 30s");
    }
}
