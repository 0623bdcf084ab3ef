package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.EventRecorder;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.StateChangeCause;

/** What happens to a real tiny guest from outside the driver: QEMU killed, the guest powering itself off. */
class LibvirtGuestTest {

    private static Path datastore;
    private LibvirtDriver driver;
    private final EventRecorder events = new EventRecorder();
    private String vmId;

    @BeforeAll
    static void host() {
        TestHost.requireLibvirt();
        datastore = TestHost.newDatastore("guest");
    }

    @AfterAll
    static void removeDatastore() {
        if (datastore != null) {
            TestHost.cleanUp(datastore);
        }
    }

    @BeforeEach
    void open() {
        driver = new LibvirtDriver(TestHost.config());
        driver.addListener(events);
    }

    @AfterEach
    void close() {
        if (vmId != null) {
            TestHost.remove(driver, vmId);
        }
        driver.close();
    }

    private DomainSpec startNew(String label) {
        vmId = "guest-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
        DomainSpec spec = TestHost.tinySpec(vmId, datastore);
        driver.define(spec, ProgressSink.NONE);
        driver.start(vmId, ProgressSink.NONE);
        events.await(vmId, PowerState.RUNNING, StateChangeCause.REQUESTED, Duration.ofSeconds(30));
        return spec;
    }

    @Test
    void aKilledEmulatorIsReportedCrashedByAnEventAndCanBeClearedAndStarted() throws IOException {
        startNew("kill");
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
        startNew("poweroff");
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

    private static void awaitAgent(String name, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                TestHost.Result r = TestHost.run(Duration.ofSeconds(30), "virsh", "-q", "-c",
                        LibvirtConfig.DEFAULT_URI, "qemu-agent-command", name, "--timeout", "2",
                        "{\"execute\":\"guest-ping\"}");
                if (r.exit() == 0) {
                    return;
                }
                Thread.sleep(250);
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the guest agent of " + name + " did not answer within " + limit);
    }
}
