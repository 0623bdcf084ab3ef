package org.openvrm.manager.host;

import org.openvrm.manager.testkit.LibvirtManager;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvrm.core.host.HostLiveness.Timeouts;
import org.openvrm.manager.testkit.LocalLibvirt;

/**
 * Host liveness on the real daemon: stopping libvirtd stops the libvirt host's heartbeat (its agent still runs,
 * but its ping gets no answer), so the host goes DISCONNECTED with its alarm; starting libvirtd again brings it back
 * CONNECTED, reconciled, with the alarm cleared and its VM as it was. This test stops libvirtd: run it alone (take
 * /tmp/openvrm-libvirtd.lock exclusively); it restarts libvirtd in a finally and waits until it answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibvirtHostLivenessTest {

    private LibvirtManager m;

    @BeforeAll
    void start() throws IOException {
        LocalLibvirt.requireReachable();
        // failAfter long enough that a loaded machine's libvirtd restart never fails the host: this test is about
        // disconnect and return (the simulated HostLivenessTest covers failure)
        m = new LibvirtManager("bad", c -> c.withLiveness(
                new Timeouts(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMinutes(10))));
    }

    @AfterAll
    void stop() throws IOException, InterruptedException {
        try {
            LocalLibvirt.startDaemon();
        } finally {
            if (m != null) {
                m.close();
            }
        }
    }

    @Test
    void stoppingLibvirtdDisconnectsTheHostAndStartingItBringsItBack() throws Exception {
        JsonNode created = m.createVm(m.tinyVmJson("liveness"));
        assertThat(created.get("state").asText()).as(created.toString()).isEqualTo("SUCCEEDED");
        String vm = created.get("targetId").asText();
        assertThat(hostState()).isEqualTo("CONNECTED");

        try {
            LocalLibvirt.stopDaemon();
            awaitHost("DISCONNECTED", 60);
            JsonNode alarms = m.api().get("/alarms?active=true&resourceId=" + m.hostId).body();
            assertThat(alarms.get("total").asInt()).as(alarms.toString()).isEqualTo(1);
            assertThat(alarms.at("/items/0/code").asText()).isEqualTo("HOST_DISCONNECTED");
            assertThat(m.state(vm)).as("a disconnected host's VMs keep their state").isEqualTo("STOPPED");
            // not schedulable while disconnected
            var refused = m.api().post("/vms", m.tinyVmJson("while-down"));
            assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("NO_HOST_AVAILABLE");
        } finally {
            LocalLibvirt.startDaemon();
        }

        awaitHost("CONNECTED", 120);
        assertThat(m.api().get("/alarms?active=true&resourceId=" + m.hostId).body().get("total").asInt())
                .isZero();
        assertThat(m.api().get("/events?type=host.reconnected&targetId=" + m.hostId).body().get("total").asInt())
                .isEqualTo(1);
        assertThat(m.state(vm)).isEqualTo("STOPPED");
        assertThat(LocalLibvirt.domainExists(m.domainName(vm))).as("its domain is still defined").isTrue();
        assertThat(m.await(m.api().delete("/vms/" + vm)).get("state").asText()).isEqualTo("SUCCEEDED");
    }

    private String hostState() {
        return m.api().get("/hosts/" + m.hostId).body().get("state").asText();
    }

    private void awaitHost(String state, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String now = hostState();
        while (!now.equals(state)) {
            assertThat(System.nanoTime()).as("host " + state + ", still " + now).isLessThan(deadline);
            Thread.sleep(100);
            now = hostState();
        }
    }
}
