package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;

/** The NICs' taps read from domain XML, and the runner every tc/ip command goes through. */
class NicTapsAndRunnerTest {

    @Test
    void tapsByMacFromTheLiveXml() {
        String xml = """
                <domain type='qemu'><devices>
                  <interface type='bridge'><mac address='52:54:00:AA:bb:01'/><source bridge='br0'/>
                    <target dev='vnet3'/><model type='virtio'/></interface>
                  <interface type='bridge'><mac address='52:54:00:aa:bb:02'/><source bridge='br0'/></interface>
                  <interface type='bridge'><source bridge='br0'/><target dev='vnet9'/></interface>
                </devices></domain>""";
        // lower-case MACs, in order; no target (not running) is ""; a NIC without a MAC cannot be named: left out
        assertThat(DomainXmlReader.nicTaps(xml)).containsExactly(
                Map.entry("52:54:00:aa:bb:01", "vnet3"), Map.entry("52:54:00:aa:bb:02", ""));
    }

    @Test
    void theRunnerHandsBackExitStdoutAndStderr() {
        CommandRunner.Output out = new ProcessRunner(Duration.ofSeconds(20))
                .run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(out).isEqualTo(new CommandRunner.Output(3, "out", "err"));
        assertThat(out.ok()).isFalse();
    }

    @Test
    void aCommandOutlivingTheLimitIsKilledAsTimeout() {
        assertThatThrownBy(() -> new ProcessRunner(Duration.ofMillis(300)).run(List.of("sleep", "60")))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("sleep 60");
    }

    @Test
    void aMissingProgramIsFailed() {
        assertThatThrownBy(() -> new ProcessRunner(Duration.ofSeconds(5)).run(List.of("no-such-program-xyz")))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FAILED))
                .hasMessageContaining("no-such-program-xyz");
    }
}
