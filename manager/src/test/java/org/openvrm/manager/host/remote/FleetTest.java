package org.openvrm.manager.host.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.agent.remote.Fleet;
import org.openvrm.driver.sim.SimHostConfig;
import org.openvrm.driver.sim.SimulatedDriver;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/**
 * Fleet mode against a real manager: 20 agents in this JVM, each with its own identity and TLS session, register
 * with one token each, run VMs, go away together and come back with their certificates alone.
 */
class FleetTest {

    private static final int AGENTS = 20;

    @TempDir
    Path tmp;

    private TestManager m;
    private Api api;
    private String cluster;

    @BeforeEach
    void up() {
        m = TestManager.start(TestStores.Kind.EMBEDDED);
        api = m.api();
        cluster = api.create("/clusters", "{\"name\":\"fleet\"}");
    }

    @AfterEach
    void down() {
        m.close();
    }

    private Fleet fleet(List<String> tokens) {
        return Fleet.start(new Fleet.Spec(m.agentTarget(), AGENTS, tokens, tmp.resolve("fleet"), "fl",
                Duration.ofSeconds(30), 1000, 1), (i, name, dir) -> new SimulatedDriver(new SimHostConfig(name,
                SimHostConfig.DEFAULT_CPU_MODEL, 1, 8, 1, 2400, 32_768, 1, Duration.ZERO, Map.of(),
                Optional.of(dir.resolve("sim")))));
    }

    private Map<String, String> hostStates() {
        JsonNode page = api.get("/hosts?limit=100").body();
        Map<String, String> states = new HashMap<>();
        page.get("items").forEach(h -> states.put(h.get("id").asText(), h.get("state").asText()));
        return states;
    }

    private boolean all(String state) {
        Map<String, String> s = hostStates();
        return s.size() == AGENTS && s.values().stream().allMatch(state::equals);
    }

    @Test
    void aFleetRegistersRunsVmsAndComesBackWithItsCertificatesAlone() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            tokens.add(api.post("/hosts/tokens", "{\"clusterId\":\"" + cluster + "\"}").body().get("token").asText());
        }
        Set<String> hostIds;
        List<String> vms = new ArrayList<>();
        try (Fleet fleet = fleet(tokens)) {
            await(() -> all("CONNECTED"));
            hostIds = hostStates().keySet();
            // each agent has its own identity: the host id on disk is one the manager knows, every certificate differs
            Set<String> onDisk = new HashSet<>();
            Set<String> certs = new HashSet<>();
            for (int i = 0; i < AGENTS; i++) {
                Path dir = tmp.resolve("fleet/agent-" + i);
                onDisk.add(Files.readString(dir.resolve("host-id")).trim());
                certs.add(Files.readString(dir.resolve("agent.pem")));
            }
            assertThat(onDisk).isEqualTo(hostIds);
            assertThat(certs).hasSize(AGENTS);
            assertThat(fleet.failures()).isEmpty();

            for (String host : hostIds) { // two VMs on every host
                for (int k = 0; k < 2; k++) {
                    String vm = api.create("/vms", "{\"name\":\"f-" + vms.size() + "\",\"hostId\":\"" + host
                            + "\",\"vcpus\":1,\"memoryMb\":256}");
                    assertThat(api.change("/vms/" + vm + "/start", "").path("state").asText()).isEqualTo("SUCCEEDED");
                    vms.add(vm);
                }
            }
        }
        await(() -> all("DISCONNECTED"));

        try (Fleet again = fleet(List.of())) { // no tokens: each agent dials with its certificate
            await(() -> all("CONNECTED"));
            assertThat(hostStates().keySet()).isEqualTo(hostIds);
            for (String vm : vms) {
                await(() -> api.get("/vms/" + vm).body().path("state").asText().equals("RUNNING"));
            }
            assertThat(api.get("/vms?limit=100").body().get("total").asInt()).isEqualTo(vms.size());
            assertThat(api.get("/hosts").body().get("total").asInt()).isEqualTo(AGENTS);
            assertThat(api.get("/alarms?active=true").body().path("total").asInt()).isZero(); // the disconnects cleared
            assertThat(again.failures()).isEmpty();
        }
    }

    /** A fleet with unregistered agents and too few tokens starts no agent at all. */
    @Test
    void tooFewTokensStartsNothing() {
        String one = api.post("/hosts/tokens", "{\"clusterId\":\"" + cluster + "\"}").body().get("token").asText();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fleet(List.of(one)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("19 of 20 agents");
        assertThat(Files.exists(tmp.resolve("fleet/agent-0"))).isFalse();
        assertThat(api.get("/hosts").body().get("total").asInt()).isZero();
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in 120 s");
            }
            Api.sleep(100);
        }
    }
}
