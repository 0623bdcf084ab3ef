package org.openvrm.manager.host.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.agent.remote.RemoteAgent;
import org.openvrm.core.host.HostLiveness;
import org.openvrm.driver.sim.SimHostConfig;
import org.openvrm.driver.sim.SimulatedDriver;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/**
 * A remote host after a manager restart is waiting for its agent, which dials back by itself with backoff: it is
 * DISCONNECTED and gets the whole fail-after time from the restart to come back (it used to count as never heard
 * and was FAILED at the first tick, its VMs UNKNOWN, whenever the restart outran the agent's backoff). Back in
 * time, nothing about its VMs is corrected; never back, it is FAILED as any silent host.
 */
class RemoteHostAfterRestartTest {

    /** Heartbeat 200 ms, DISCONNECTED after 600 ms, FAILED after 4 s of silence. */
    private static final HostLiveness.Timeouts TIMEOUTS = new HostLiveness.Timeouts(Duration.ofMillis(200),
            Duration.ofMillis(600), Duration.ofSeconds(4));

    @TempDir
    Path tmp;

    private TestManager m;
    private Api api;

    @BeforeEach
    void up() {
        m = TestManager.start(TestStores.Kind.EMBEDDED, c -> c.withLiveness(TIMEOUTS));
        api = m.api();
    }

    @AfterEach
    void down() {
        m.close();
    }

    @Test
    void aRemoteHostHasItsFailTimeToDialBackAfterARestartAndFailsOnlyAfterIt() throws Exception {
        String cluster = api.create("/clusters", "{\"name\":\"remote\"}");
        String token = api.post("/hosts/tokens", "{\"clusterId\":\"" + cluster + "\",\"hostName\":\"edge-1\"}")
                .body().get("token").asText();
        String vm;
        try (var agent = agent(token)) {
            await(() -> state(), "CONNECTED");
            vm = api.create("/vms", "{\"name\":\"r1\",\"hostId\":\"" + host("id") + "\",\"vcpus\":1,"
                    + "\"memoryMb\":256}");
            assertThat(api.change("/vms/" + vm + "/start", "").get("state").asText()).isEqualTo("SUCCEEDED");
        }
        await(() -> state(), "DISCONNECTED");

        m.restart(); // the agent is away: it has not dialled back yet
        api = m.api();
        long restarted = System.nanoTime();
        // FAILED is possible only failAfter after the first tick, which is after the restart: watching half of it
        // can never see FAILED on a slow machine unless the host is judged wrongly
        while (System.nanoTime() - restarted < TIMEOUTS.failAfter().toNanos() / 2) {
            assertThat(state()).as("a remote host waiting for its agent after a restart").isEqualTo("DISCONNECTED");
            Thread.sleep(100);
        }
        try (var agent = agent(null)) {
            await(() -> state(), "CONNECTED");
            assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("RUNNING");
            assertThat(api.get("/events?type=vm.state.reconciled").body().get("total").asInt())
                    .as("nothing to correct").isZero();
            assertThat(api.get("/events?type=host.failed").body().get("total").asInt()).as("never failed").isZero();
        }

        await(() -> state(), "DISCONNECTED");
        m.restart(); // away for good this time
        api = m.api();
        await(() -> state(), "FAILED");
        assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("UNKNOWN");
    }

    private String state() {
        return host("state");
    }

    private String host(String field) {
        return api.get("/hosts?name=edge-1").body().path("items").path(0).path(field).asText();
    }

    private AutoCloseable agent(String token) {
        Path data = tmp.resolve("agent");
        var driver = new SimulatedDriver(new SimHostConfig("edge-1", SimHostConfig.DEFAULT_CPU_MODEL, 1, 8, 1, 2400,
                32_768, 1, Duration.ofMillis(20), Map.of(), Optional.of(data.resolve("sim"))));
        var agent = new RemoteAgent(m.agentTarget(), Optional.ofNullable(token), data, "edge-1", driver,
                Duration.ofMillis(200), 1000);
        Thread.ofVirtual().start(() -> {
            try {
                agent.run();
            } catch (Exception e) {
                // ended by close(), or refused: the test's waits say which
            }
        });
        return agent::close;
    }

    private static void await(Supplier<String> value, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!value.get().equals(expected)) {
            assertThat(System.nanoTime()).as("still %s, waiting for %s", value.get(), expected).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
