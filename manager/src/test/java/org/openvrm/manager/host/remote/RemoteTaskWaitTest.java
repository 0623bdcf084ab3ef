package org.openvrm.manager.host.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.core.host.HostLiveness;
import org.openvrm.driver.sim.Op;
import org.openvrm.protocol.CommandOutcome;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/**
 * Tasks whose remote host goes away under them (issue 4): the command in flight is sent again, with the same id,
 * when the host is back, and the agent answers it from its journal or runs it once; a host that FAILS ends the wait
 * with HOST_UNAVAILABLE and nothing lost; a VM whose host failed keeps the state it had (lastKnownState).
 */
class RemoteTaskWaitTest {

    /** A step slow enough that the test can cut the session while the agent runs it. */
    private static final Duration SLOW = Duration.ofSeconds(3);
    /** Liveness short enough that a host silent for 1.5 s FAILS within the test. */
    private static final HostLiveness.Timeouts SHORT = new HostLiveness.Timeouts(
            Duration.ofMillis(200), Duration.ofMillis(600), Duration.ofMillis(1500));

    @TempDir
    Path tmp;

    private TestManager m;
    private Api api;
    private String cluster;

    /** The store under test; {@link RemoteTaskWaitPostgresTest} runs the same on PostgreSQL. */
    TestStores.Kind store() {
        return TestStores.Kind.EMBEDDED;
    }

    private void up(HostLiveness.Timeouts liveness) {
        m = liveness == null ? TestManager.start(store()) : TestManager.start(store(), c -> c.withLiveness(liveness));
        api = m.api();
        cluster = api.create("/clusters", "{\"name\":\"remote\"}");
    }

    @AfterEach
    void down() {
        if (m != null) {
            m.close();
        }
    }

    private AgentStandIn agent(Path data, String hostName, Map<Op, Duration> slow) {
        String token = null;
        if (hostName != null) {
            var r = api.post("/hosts/tokens", "{\"clusterId\":\"" + cluster + "\",\"hostName\":\"" + hostName + "\"}");
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            token = r.body().get("token").asText();
        }
        return new AgentStandIn(m.agentTarget(), data, token, slow);
    }

    private JsonNode host(String name) {
        return api.get("/hosts?name=" + name).body().path("items").path(0);
    }

    private String hostState(String name) {
        return host(name).path("state").asText();
    }

    private JsonNode vm(String id) {
        return api.get("/vms/" + id).body();
    }

    private String newVm(String hostName, String vmName) {
        return api.create("/vms", "{\"name\":\"" + vmName + "\",\"hostId\":\"" + host(hostName).get("id").asText()
                + "\",\"vcpus\":1,\"memoryMb\":256}");
    }

    /** POSTs the change and returns its task id once the agent is running it (it has reported progress). */
    private String inFlight(String path, String json) {
        var r = api.post(path, json);
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        String task = r.body().get("id").asText();
        // 5 % is the manager's own step; more is the agent's progress on the slow step
        await(() -> api.get("/tasks/" + task).body().path("progress").asInt() > 5);
        assertThat(api.get("/tasks/" + task).body().path("state").asText()).isEqualTo("RUNNING");
        return task;
    }

    private long domainFiles(Path data) throws Exception {
        try (var files = Files.list(data.resolve("sim"))) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    /**
     * (a) The agent dies while it starts a VM (its run is cut short and so never answered nor journaled): the task
     * waits for the host, sends the same command id to the restarted agent, which runs it, once, and the task
     * SUCCEEDS.
     */
    @Test
    void aStartWhoseSessionIsCutCompletesWhenTheAgentComesBack() throws Exception {
        up(null);
        Path data = tmp.resolve("agent");
        String vm;
        String task;
        try (var a = agent(data, "cut-1", Map.of(Op.START, SLOW))) {
            await(() -> hostState("cut-1").equals("CONNECTED"));
            vm = newVm("cut-1", "c1");
            task = inFlight("/vms/" + vm + "/start", "");
        } // the agent is gone with the start in flight
        await(() -> hostState("cut-1").equals("DISCONNECTED"));
        assertThat(api.get("/tasks/" + task).body().path("state").asText()).as("waiting, not failed")
                .isEqualTo("RUNNING");

        try (var again = agent(data, null, Map.of())) {
            JsonNode done = api.awaitTask(task, Duration.ofSeconds(120));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(vm(vm).path("state").asText()).isEqualTo("RUNNING");
            assertThat(again.driver.domain(vm).orElseThrow().state().name()).isEqualTo("RUNNING");
        }
        var runs = AgentStandIn.journaled(data, task + "/vm.start");
        assertThat(runs).as("the start ran to its end once, on the restarted agent").hasSize(1);
        assertThat(runs.getFirst()).isInstanceOf(CommandOutcome.Succeeded.class);
        assertThat(domainFiles(data)).isEqualTo(1);
    }

    /**
     * (b) The manager restarts while its agent runs a start: the agent finishes it and journals it meanwhile; the
     * resumed task finds the host DISCONNECTED, waits for the agent to dial back, resends, is answered from the
     * journal (not run again) and SUCCEEDS.
     */
    @Test
    void aTaskResumedAfterAManagerRestartWaitsForItsAgentAndSucceeds() throws Exception {
        up(null);
        Path data = tmp.resolve("agent");
        String vm;
        String task;
        try (var a = agent(data, "resume-1", Map.of(Op.START, SLOW))) {
            await(() -> hostState("resume-1").equals("CONNECTED"));
            vm = newVm("resume-1", "r1");
            task = inFlight("/vms/" + vm + "/start", "");
            m.restart();
            api = m.api();
            JsonNode done = api.awaitTask(task, Duration.ofSeconds(120));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.path("attempts").asInt()).as("resumed by the second manager").isEqualTo(2);
            assertThat(vm(vm).path("state").asText()).isEqualTo("RUNNING");
            assertThat(hostState("resume-1")).isEqualTo("CONNECTED");
        }
        var runs = AgentStandIn.journaled(data, task + "/vm.start");
        assertThat(runs).as("sent twice, run once: the resend was answered from the journal").hasSize(1);
        assertThat(runs.getFirst()).isInstanceOf(CommandOutcome.Succeeded.class);
        assertThat(domainFiles(data)).isEqualTo(1);
    }

    /**
     * (c) The host FAILS while the task waits: the task ends HOST_UNAVAILABLE, the VM is UNKNOWN and remembers it
     * was STARTING, nothing is deleted; when the agent is back the VM takes the state its host reports.
     */
    @Test
    void aHostThatFailsWhileATaskWaitsEndsItHostUnavailableAndLosesNothing() throws Exception {
        up(SHORT);
        Path data = tmp.resolve("agent");
        String vm;
        String task;
        try (var a = agent(data, "fail-1", Map.of(Op.START, SLOW))) {
            await(() -> hostState("fail-1").equals("CONNECTED"));
            vm = newVm("fail-1", "f1");
            task = inFlight("/vms/" + vm + "/start", "");
        }
        JsonNode done = api.awaitTask(task, Duration.ofSeconds(60));
        assertThat(done.path("state").asText()).isEqualTo("FAILED");
        assertThat(done.at("/error/code").asText()).isEqualTo("HOST_UNAVAILABLE");
        assertThat(hostState("fail-1")).isEqualTo("FAILED");
        JsonNode v = vm(vm);
        assertThat(v.path("state").asText()).isEqualTo("UNKNOWN");
        assertThat(v.path("lastKnownState").asText()).isEqualTo("STARTING");
        assertThat(domainFiles(data)).as("the domain is still on its host").isEqualTo(1);

        try (var again = agent(data, null, Map.of())) {
            await(() -> hostState("fail-1").equals("CONNECTED"));
            // the start was cut short with the agent, so the host has it stopped
            await(() -> vm(vm).path("state").asText().equals("STOPPED"));
            assertThat(vm(vm).path("lastKnownState").isNull()).isTrue();
            assertThat(api.change("/vms/" + vm + "/start", "").path("state").asText()).isEqualTo("SUCCEEDED");
        }
        assertThat(domainFiles(data)).isEqualTo(1);
    }

    /**
     * (d) A create whose host goes away while it defines the VM, and FAILS: the task FAILS HOST_UNAVAILABLE and the
     * VM is not left CREATING but UNKNOWN (it may or may not be on the host); the host's next report settles it,
     * defining it (stopped) as the host lacks it, once.
     */
    @Test
    void aCreateWhoseHostIsGoneFailsAndLeavesNoVmCreating() throws Exception {
        up(SHORT);
        Path data = tmp.resolve("agent");
        String task;
        try (var a = agent(data, "gone-1", Map.of(Op.DEFINE, SLOW))) {
            await(() -> hostState("gone-1").equals("CONNECTED"));
            task = inFlight("/vms", "{\"name\":\"g1\",\"hostId\":\"" + host("gone-1").get("id").asText()
                    + "\",\"vcpus\":1,\"memoryMb\":256}");
        }
        JsonNode done = api.awaitTask(task, Duration.ofSeconds(60));
        assertThat(done.path("state").asText()).isEqualTo("FAILED");
        assertThat(done.at("/error/code").asText()).isEqualTo("HOST_UNAVAILABLE");
        String vm = done.path("targetId").asText();
        JsonNode v = vm(vm);
        assertThat(v.path("state").asText()).isEqualTo("UNKNOWN");
        assertThat(v.path("lastKnownState").asText()).isEqualTo("CREATING");
        assertThat(api.get("/vms?state=CREATING").body().path("total").asInt()).isZero();

        try (var again = agent(data, null, Map.of())) {
            await(() -> hostState("gone-1").equals("CONNECTED"));
            await(() -> vm(vm).path("state").asText().equals("STOPPED"));
            assertThat(vm(vm).path("lastKnownState").isNull()).isTrue();
            assertThat(again.driver.domain(vm)).as("defined on the host").isPresent();
        }
        assertThat(domainFiles(data)).isEqualTo(1);
        assertThat(api.get("/vms").body().path("total").asInt()).isEqualTo(1);
    }

    /** (e) A VM whose host FAILS keeps the state it had as lastKnownState; its host's next report clears it. */
    @Test
    void aFailedHostsVmKeepsItsLastKnownStateUntilTheHostReports() throws Exception {
        up(SHORT);
        try (var a = agent(tmp.resolve("agent"), "last-1", Map.of())) {
            await(() -> hostState("last-1").equals("CONNECTED"));
            String vm = newVm("last-1", "l1");
            api.change("/vms/" + vm + "/start", "");
            assertThat(vm(vm).has("lastKnownState")).as("always in the view").isTrue();
            assertThat(vm(vm).path("lastKnownState").isNull()).isTrue();

            a.driver.faults().setUnavailable(true); // its hypervisor stops answering: the host goes silent
            await(() -> hostState("last-1").equals("FAILED"));
            JsonNode v = vm(vm);
            assertThat(v.path("state").asText()).isEqualTo("UNKNOWN");
            assertThat(v.path("lastKnownState").asText()).isEqualTo("RUNNING");

            a.driver.faults().setUnavailable(false);
            await(() -> hostState("last-1").equals("CONNECTED"));
            await(() -> vm(vm).path("state").asText().equals("RUNNING"));
            assertThat(vm(vm).path("lastKnownState").isNull()).isTrue();
        }
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in 90 s");
            }
            Api.sleep(50);
        }
    }
}
