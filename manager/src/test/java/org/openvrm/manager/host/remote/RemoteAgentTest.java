package org.openvrm.manager.host.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
 * A remote agent in this JVM (its own gRPC client, its own simulated driver with state on disk) against a real
 * manager over the agent port: registration, reconnects, the manager's restart, and every refusal.
 */
class RemoteAgentTest {

    @TempDir
    Path tmp;

    private TestManager m;
    private Api api;
    private String cluster;

    /** The store under test; {@link RemoteAgentPostgresTest} runs the same on PostgreSQL. */
    TestStores.Kind store() {
        return TestStores.Kind.EMBEDDED;
    }

    @BeforeEach
    void up() {
        m = TestManager.start(store());
        api = m.api();
        cluster = api.create("/clusters", "{\"name\":\"remote\"}");
    }

    @AfterEach
    void down() {
        m.close();
    }

    private String token(String hostName) {
        var r = api.post("/hosts/tokens", "{\"clusterId\":\"" + cluster + "\""
                + (hostName == null ? "" : ",\"hostName\":\"" + hostName + "\"") + "}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("token").asText();
    }

    /** An agent process stand-in on {@code dataDir}, dialling the manager of the moment. */
    private AgentStandIn running(Path dataDir, String token) {
        return new AgentStandIn(m.agentTarget(), dataDir, token);
    }

    /**
     * Heartbeats travel over the session: the host stays CONNECTED for many times its disconnect timeout while its
     * agent's hypervisor answers, although nothing else is sent; when the hypervisor stops answering (the agent and
     * its session still up) the host goes DISCONNECTED, then FAILED with its VM UNKNOWN, and back when it answers.
     */
    @Test
    void heartbeatsOverTheSessionKeepAQuietHostConnectedAndADeadHypervisorFailsIt() throws Exception {
        m.close();
        m = TestManager.start(store(), c -> c.withLiveness(new HostLiveness.Timeouts(
                Duration.ofMillis(200), Duration.ofMillis(600), Duration.ofMillis(1500))));
        api = m.api();
        cluster = api.create("/clusters", "{\"name\":\"remote\"}");
        try (var a = running(tmp.resolve("agent"), token("quiet-1"))) {
            await(() -> host("quiet-1").path("state").asText().equals("CONNECTED"));
            String vm = api.create("/vms", "{\"name\":\"q\",\"hostId\":\"" + host("quiet-1").get("id").asText()
                    + "\",\"vcpus\":1,\"memoryMb\":256}");
            api.change("/vms/" + vm + "/start", "");
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // 5 x the disconnect timeout
            while (System.nanoTime() < until) {
                assertThat(host("quiet-1").path("state").asText()).isEqualTo("CONNECTED");
                Api.sleep(100);
            }

            a.driver.faults().setUnavailable(true); // libvirtd "dies"; the agent and its session stay
            await(() -> host("quiet-1").path("state").asText().equals("DISCONNECTED"));
            await(() -> host("quiet-1").path("state").asText().equals("FAILED"));
            assertThat(api.get("/vms/" + vm).body().path("state").asText()).isEqualTo("UNKNOWN");
            assertThat(api.get("/alarms?active=true&code=HOST_FAILED").body().path("total").asInt()).isEqualTo(1);

            a.driver.faults().setUnavailable(false);
            await(() -> host("quiet-1").path("state").asText().equals("CONNECTED"));
            await(() -> api.get("/vms/" + vm).body().path("state").asText().equals("RUNNING"));
            assertThat(api.get("/alarms?active=true").body().path("total").asInt()).isZero();
        }
    }

    /** A live QoS change travels as a TuneVm command and is read back through the session's tuning query. */
    @Test
    void aRunningVmOnARemoteHostIsTunedLiveAndItsHostReportsWhatItEnforces() throws Exception {
        try (var a = running(tmp.resolve("agent"), token("tuned-1"))) {
            await(() -> host("tuned-1").path("state").asText().equals("CONNECTED"));
            String vm = api.create("/vms", "{\"name\":\"t\",\"hostId\":\"" + host("tuned-1").get("id").asText()
                    + "\",\"vcpus\":2,\"memoryMb\":1024}");
            api.change("/vms/" + vm + "/start", "");
            var task = api.put("/vms/" + vm + "/qos",
                    "{\"cpuQos\":{\"sharesLevel\":\"HIGH\",\"limitMhz\":1200},\"memoryQos\":{\"limitMb\":768}}");
            assertThat(task.status()).as(task.raw()).isEqualTo(202);
            assertThat(api.awaitTask(task.body().get("id").asText(), Duration.ofSeconds(60)).path("state").asText())
                    .isEqualTo("SUCCEEDED");
            var tuning = a.driver.tuning(vm); // what the remote host's hypervisor holds now
            assertThat(tuning.cpu().shares()).isEqualTo(4000);
            assertThat(tuning.cpu().quotaMicros()).isEqualTo(25_000); // 1200 MHz of 2 x 2400 MHz per period
            assertThat(tuning.memory().balloonMb()).isEqualTo(768);
            var qos = api.get("/vms/" + vm + "/qos").body();
            assertThat(qos.path("enforced").path("cpuQos").path("limitMhz").asLong()).isEqualTo(1200);
            assertThat(qos.path("enforced").path("memoryQos").path("limitMb").asLong()).isEqualTo(768);
            assertThat(api.get("/vms/" + vm).body().path("state").asText()).isEqualTo("RUNNING");
        }
    }

    @Test
    void onReconnectAVmTheHostLostIsDefinedAgainAndAStrangerIsReportedNeverDestroyed() throws Exception {
        Path data = tmp.resolve("agent");
        String vm;
        try (var a = running(data, token("edge-2"))) {
            await(() -> host("edge-2").path("state").asText().equals("CONNECTED"));
            vm = api.create("/vms", "{\"name\":\"kept\",\"hostId\":\"" + host("edge-2").get("id").asText()
                    + "\",\"vcpus\":1,\"memoryMb\":256}");
        }
        await(() -> host("edge-2").path("state").asText().equals("DISCONNECTED"));
        // behind the manager's back, on the host: the VM's domain vanishes and a domain nobody made appears
        try (var hv = AgentStandIn.simHost(data, Map.of())) {
            hv.undefine(vm, org.openvrm.driver.ProgressSink.NONE);
            hv.define(new org.openvrm.driver.DomainSpec("stranger", "stranger", 1, 1, 1, 128, java.util.List.of(),
                    java.util.List.of(), java.util.List.of("disk")), org.openvrm.driver.ProgressSink.NONE);
        }
        try (var again = running(data, null)) {
            await(() -> host("edge-2").path("state").asText().equals("CONNECTED"));
            assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("STOPPED");
            assertThat(api.get("/events?type=vm.redefined").body().get("total").asInt()).isEqualTo(1);
            JsonNode unmanaged = api.get("/events?type=vm.unmanaged").body();
            assertThat(unmanaged.get("total").asInt()).isEqualTo(1);
            assertThat(unmanaged.at("/items/0/message").asText()).contains("stranger");
        }
        try (var hv = AgentStandIn.simHost(data, Map.of())) {
            assertThat(hv.domain(vm)).as("defined again on the host").isPresent();
            assertThat(hv.domain("stranger")).as("never destroyed").isPresent();
        }
    }

    private String guestTools(String vm) {
        return api.get("/vms/" + vm).body().at("/guest/toolsStatus").asText();
    }

    private JsonNode host(String name) {
        return api.get("/hosts?name=" + name).body().path("items").path(0);
    }

    @Test
    void registersConnectsRunsAVmAndSurvivesAgentAndManagerRestarts() throws Exception {
        Path data = tmp.resolve("agent");
        String vm;
        String hostId;
        try (var a = running(data, token("edge-1"))) {
            await(() -> host("edge-1").path("state").asText().equals("CONNECTED"));
            JsonNode h = host("edge-1");
            hostId = h.get("id").asText();
            assertThat(h.get("driver").asText()).isEqualTo("remote");
            assertThat(h.at("/hardware/logicalCpus").asInt()).as("the agent's own inventory").isEqualTo(8);
            assertThat(Files.readString(data.resolve("host-id")).trim()).isEqualTo(hostId);
            assertThat(Files.getPosixFilePermissions(data.resolve("agent.key")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            vm = api.create("/vms", "{\"name\":\"r1\",\"hostId\":\"" + hostId + "\",\"vcpus\":1,\"memoryMb\":256}");
            assertThat(api.change("/vms/" + vm + "/start", "").get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("RUNNING");
            String theVm = vm;
            await(() -> guestTools(theVm).equals("RUNNING")); // the agent's GuestWatcher, over the session
        }
        await(() -> host("edge-1").path("state").asText().equals("DISCONNECTED"));
        assertThat(guestTools(vm)).as("nobody watches the guest now").isEqualTo("NOT_RUNNING");

        try (var again = running(data, null)) { // no token: the stored identity is enough
            await(() -> host("edge-1").path("state").asText().equals("CONNECTED"));
            assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("RUNNING");
            assertThat(api.get("/hosts?name=edge-*").body().get("total").asInt()).as("no second host").isEqualTo(1);
            String theVm = vm;
            await(() -> guestTools(theVm).equals("RUNNING")); // sent again on the new session, though unchanged

            m.restart();
            api = m.api();
            await(() -> host("edge-1").path("state").asText().equals("CONNECTED"));
            assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("RUNNING");
            assertThat(api.get("/events?type=vm.state.reconciled").body().get("total").asInt())
                    .as("nothing to correct after reconnects").isZero();
            try (var files = Files.list(data.resolve("sim"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".json")).count()).as("one domain").isEqualTo(1);
            }

            // the VM's console is a query over the same session
            assertThat(api.get("/vms/" + vm + "/console").status()).isEqualTo(200);
            assertThat(api.change("/vms/" + vm + "/stop", "").get("state").asText()).isEqualTo("SUCCEEDED");
            var del = api.delete("/vms/" + vm);
            assertThat(api.awaitTask(del.body().get("id").asText(), Duration.ofSeconds(60)).get("state").asText())
                    .isEqualTo("SUCCEEDED");
            // removing the host revokes it: the live session ends, and the agent is refused from then on
            assertThat(api.delete("/hosts/" + hostId).status()).isEqualTo(202);
            assertThat(again.failure()).isInstanceOf(RemoteAgent.Refused.class)
                    .hasMessageContaining("removed");
        }
        try (var revoked = running(data, null)) {
            assertThat(revoked.failure()).isInstanceOf(RemoteAgent.Refused.class).hasMessageContaining("revoked");
        }
    }

    @Test
    void aTokenWorksOnce() throws Exception {
        String t = token(null);
        try (var first = running(tmp.resolve("a"), t)) {
            await(() -> host("agent-host").path("state").asText().equals("CONNECTED"));
            try (var second = running(tmp.resolve("b"), t)) {
                assertThat(second.failure()).isInstanceOf(RemoteAgent.Refused.class)
                        .hasMessageContaining("already used");
            }
        }
        assertThat(Files.exists(tmp.resolve("b/host-id"))).isFalse();
    }

    /**
     * A registration whose answer was lost (the manager committed it, the agent never heard) is retried with the
     * same token and the same key, even by a restarted agent, and answered again: the same host, no second one.
     * Another key with that token is still refused.
     */
    @Test
    void aRegistrationRetriedAfterALostAnswerGetsTheSameHostForTheSameKeyOnly() throws Exception {
        String t = token("lost-1");
        Path data = tmp.resolve("a");
        String hostId;
        try (var a = running(data, t)) {
            await(() -> host("lost-1").path("state").asText().equals("CONNECTED"));
            hostId = host("lost-1").get("id").asText();
        }
        // what an agent whose answer was lost has: its key, nothing the answer would have brought
        for (String f : new String[] {"host-id", "agent.pem", "manager-ca.pem"}) {
            Files.delete(data.resolve(f));
        }
        try (var again = running(data, t)) {
            await(() -> Files.exists(data.resolve("host-id")));
            assertThat(Files.readString(data.resolve("host-id")).trim()).isEqualTo(hostId);
            await(() -> host("lost-1").path("state").asText().equals("CONNECTED"));
        }
        assertThat(api.get("/hosts").body().get("total").asInt()).as("no second host").isEqualTo(1);
        try (var stranger = running(tmp.resolve("b"), t)) {
            assertThat(stranger.failure()).isInstanceOf(RemoteAgent.Refused.class).hasMessageContaining("already used");
        }
    }

    @Test
    void aWrongSecretAnUnknownTokenAndAnExpiredTokenAreRefused() throws Exception {
        String good = token("edge-x");
        String[] parts = good.split("\\.");
        String wrongSecret = parts[0] + "." + parts[1] + "." + "A".repeat(43) + "." + parts[3];
        try (var a = running(tmp.resolve("a"), wrongSecret)) {
            assertThat(a.failure()).isInstanceOf(RemoteAgent.Refused.class).hasMessageContaining("invalid bootstrap");
        }
        String unknown = parts[0] + ".tok0123456789abcdef." + parts[2] + "." + parts[3];
        try (var a = running(tmp.resolve("b"), unknown)) {
            assertThat(a.failure()).isInstanceOf(RemoteAgent.Refused.class).hasMessageContaining("invalid bootstrap");
        }
        // expire it in the store (a 60 s minimum TTL is too long to wait for)
        var jdbi = org.jdbi.v3.core.Jdbi.create(m.store().jdbcUrl(), m.store().user(), m.store().password());
        jdbi.useHandle(h -> h.execute("UPDATE bootstrap_tokens SET expires_ms = 1 WHERE id = ?", parts[1]));
        try (var a = running(tmp.resolve("c"), good)) {
            assertThat(a.failure()).isInstanceOf(RemoteAgent.Refused.class).hasMessageContaining("expired");
        }
        assertThat(api.get("/hosts").body().get("total").asInt()).as("nothing created").isZero();
        // and the wrong secret did not use the token up: only expiry stopped it
        jdbi.useHandle(h -> assertThat(h.createQuery("SELECT used_ms FROM bootstrap_tokens WHERE id = :id")
                .bind("id", parts[1]).mapTo(Long.class).findOne()).isEmpty());
    }

    @Test
    void anAgentWillNotRegisterWithAManagerWhoseCaIsNotTheTokens() throws Exception {
        String good = token("edge-y");
        String[] parts = good.split("\\.");
        String otherCa = parts[0] + "." + parts[1] + "." + parts[2] + "." + "0".repeat(64);
        try (var a = running(tmp.resolve("a"), otherCa)) {
            assertThat(a.failure()).isInstanceOf(RemoteAgent.Refused.class).hasMessageContaining("CA");
        }
        assertThat(api.get("/hosts").body().get("total").asInt()).isZero();
    }

    /**
     * close() ends run() by itself: gRPC reports the cancelled session on the runtime's callback executor, which
     * may already be shut (an agent that owns its runtime shuts it inside close()). Here the shared runtime of a
     * fleet is closed first, so no callback can ever arrive; run() must still return. (CI once hung on this.)
     */
    @Test
    void closeEndsASessionEvenWhenItsCallbacksCanNoLongerRun() throws Exception {
        var runtime = new org.openvrm.agent.remote.AgentRuntime(1);
        Path data = tmp.resolve("shared-runtime");
        var agent = new RemoteAgent(m.agentTarget(), Optional.of(token("shared-1")), data, "shared-1",
                AgentStandIn.simHost(data, Map.of()), Duration.ofMillis(200), 100, runtime);
        var done = new CompletableFuture<Void>();
        Thread.ofVirtual().start(() -> {
            try {
                agent.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        await(() -> host("shared-1").path("state").asText().equals("CONNECTED"));
        runtime.close();
        agent.close();
        assertThat(done).succeedsWithin(Duration.ofSeconds(30));
    }

    @Test
    void aSessionWithoutACertificateFromThisManagerIsRefused() throws Exception {
        // an identity issued by another manager's CA (a second manager, its own data dir)
        try (TestManager other = TestManager.start(TestStores.Kind.EMBEDDED)) {
            String otherCluster = other.api().create("/clusters", "{\"name\":\"other\"}");
            String t = other.api().post("/hosts/tokens", "{\"clusterId\":\"" + otherCluster + "\"}").body()
                    .get("token").asText();
            Path data = tmp.resolve("foreign");
            var driver = new SimulatedDriver(SimHostConfig.of("foreign", 2, 2000, 4096));
            var registrar = new RemoteAgent(other.agentTarget(), Optional.of(t), data, "foreign", driver,
                    Duration.ofSeconds(5), 10);
            var run = CompletableFuture.runAsync(() -> {
                try {
                    registrar.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, r -> Thread.ofVirtual().start(r)); // it blocks: not on the common pool (one thread on 2 cores)
            await(() -> Files.exists(data.resolve("host-id")));
            registrar.close();
            run.get(30, TimeUnit.SECONDS);
        }
        // the foreign certificate, with this manager's CA trusted (as a thief who copied it would): the TLS
        // handshake fails, so no session ever opens and no host connects
        var ca = m.dataDir().resolve("pki/ca.pem");
        Files.copy(ca, tmp.resolve("foreign/manager-ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (var a = running(tmp.resolve("foreign"), null)) {
            Thread.sleep(3000);
            assertThat(a.done).isNotDone(); // it keeps trying, and keeps failing
        }
        assertThat(api.get("/hosts").body().get("total").asInt()).isZero();
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in 60 s");
            }
            Api.sleep(50);
        }
    }
}
