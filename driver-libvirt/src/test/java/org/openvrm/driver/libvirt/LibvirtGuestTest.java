package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.StateChangeCause;

/** What happens to a real tiny guest from outside the driver: QEMU killed, the guest powering itself off. */
class LibvirtGuestTest extends RealGuestTest {

    @Override
    protected String label() {
        return "guest";
    }

    private String startNew(String label) {
        String vmId = newVmId(label);
        driver.define(TestHost.tinySpec(vmId, datastore), ProgressSink.NONE);
        driver.start(vmId, ProgressSink.NONE);
        events.await(vmId, PowerState.RUNNING, StateChangeCause.REQUESTED, Duration.ofSeconds(30));
        return vmId;
    }

    @Test
    void aKilledEmulatorIsReportedCrashedByAnEventAndCanBeClearedAndStarted() throws IOException {
        String vmId = startNew("kill");
        String name = driver.domainName(vmId);
        String pid = Files.readString(Path.of("/run/libvirt/qemu/" + name + ".pid")).strip();

        TestHost.Result kill = TestHost.run(Duration.ofSeconds(5), "kill", "-9", pid);
        assertThat(kill.exit()).as("kill -9 %s: %s", pid, kill.output()).isZero();

        // an event, not a poll: typically well under 2 s; the bound here only keeps a loaded CI machine from flaking
        events.await(vmId, PowerState.CRASHED, StateChangeCause.CRASHED, Duration.ofSeconds(10));
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.CRASHED);
        driver.destroy(vmId, ProgressSink.NONE);
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
        events.await(vmId, PowerState.SHUTOFF, StateChangeCause.REQUESTED, Duration.ofSeconds(10));
        driver.start(vmId, ProgressSink.NONE);
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void aGuestPoweringItselfOffIsShutoffCausedByTheGuest() throws IOException {
        long t0 = System.nanoTime();
        String vmId = startNew("poweroff");
        long running = System.nanoTime();
        String name = driver.domainName(vmId);
        assertThat(TestHost.virsh("domiflist", name)).as("the NIC is on the test bridge").contains(TestHost.BRIDGE);
        awaitAgent(name, Duration.ofSeconds(180));
        long agent = System.nanoTime();
        System.out.printf("tiny guest: define+start -> RUNNING %d ms; -> guest agent answers %d ms%n",
                (running - t0) / 1_000_000, (agent - t0) / 1_000_000);

        // the agent does not answer guest-shutdown (the guest goes down), so virsh reports an error: ignore it
        TestHost.run(Duration.ofSeconds(30), "virsh", "-q", "-c", LibvirtConfig.DEFAULT_URI, "qemu-agent-command",
                name, "{\"execute\":\"guest-shutdown\"}");

        events.await(vmId, PowerState.SHUTOFF, StateChangeCause.GUEST, Duration.ofSeconds(60));
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
    }
}
