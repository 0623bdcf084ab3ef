package org.openvrm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.launcher.testkit.VrmProcesses;
import org.openvrm.launcher.testkit.VrmRest;

/**
 * The manager ({@code vrm up}) and a host's agent ({@code vrm agent --driver sim}) as two real processes talking
 * gRPC over mutual TLS: register with a token, run a VM, SIGKILL the agent and start it again without a token,
 * restart the manager under the running agent. Nothing is duplicated and the VM never stops.
 */
class RemoteAgentProcessTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run keeps its process logs
    Path dir;

    private VrmProcesses processes;
    private VrmRest rest;
    private int agentPort;

    @AfterEach
    void killAll() {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void agentProcessRegistersRunsAVmAndSurvivesKillNineAndAManagerRestart() throws Exception {
        processes = new VrmProcesses(dir);
        rest = new VrmRest(VrmProcesses.freePort(), dir);
        agentPort = VrmProcesses.freePort();
        Process manager = up();
        String cluster = rest.get("/clusters?name=local").at("/items/0/id").asText();
        String token = rest.post("/hosts/tokens", "{\"clusterId\":\"" + cluster + "\",\"hostName\":\"edge-1\"}")
                .get("token").asText();

        long t0 = System.nanoTime();
        Process agent = agent(token);
        rest.await("edge-1 CONNECTED", () -> host().path("state").asText().equals("CONNECTED"));
        long registered = System.nanoTime();
        String hostId = host().get("id").asText();
        assertThat(host().get("driver").asText()).isEqualTo("remote");
        assertThat(host().at("/hardware/logicalCpus").asInt()).as("the agent's --sim-cpus").isEqualTo(6);

        String vm = rest.create("/vms", "{\"name\":\"r1\",\"hostId\":\"" + hostId
                + "\",\"vcpus\":1,\"memoryMb\":256}");
        assertThat(rest.awaitTask(rest.postForId("/vms/" + vm + "/start", ""))).isEqualTo("SUCCEEDED");
        assertThat(rest.get("/vms/" + vm).get("state").asText()).isEqualTo("RUNNING");

        VrmProcesses.kill(agent); // SIGKILL: the stream just breaks
        long killed = System.nanoTime();
        rest.await("edge-1 DISCONNECTED", () -> host().path("state").asText().equals("DISCONNECTED"));
        long noticed = System.nanoTime();
        agent(null); // no token: the identity in its data dir
        rest.await("edge-1 CONNECTED again", () -> host().path("state").asText().equals("CONNECTED"));
        long back = System.nanoTime();
        assertThat(rest.get("/vms/" + vm).get("state").asText()).isEqualTo("RUNNING");
        assertThat(rest.get("/hosts").get("total").asInt()).as("local + edge-1, no second edge host").isEqualTo(2);

        VrmProcesses.kill(manager);
        long managerUp = System.nanoTime();
        up();
        // the agent dialled back by itself
        rest.await("edge-1 CONNECTED after the restart", () -> host().path("state").asText().equals("CONNECTED"));
        long redialled = System.nanoTime();
        // printed, never asserted (a loaded machine makes any bound flaky); includes JVM start-up of each process
        System.out.printf("remote agent timings: start to CONNECTED %d ms (JVM start, key, register, session), "
                        + "kill -9 to DISCONNECTED %d ms, restart to CONNECTED %d ms, manager restart to CONNECTED "
                        + "%d ms%n", ms(registered - t0), ms(noticed - killed), ms(back - noticed),
                ms(redialled - managerUp));
        assertThat(rest.get("/vms/" + vm).get("state").asText()).isEqualTo("RUNNING");
        assertThat(rest.get("/events?type=vm.state.reconciled").get("total").asInt()).as("nothing to correct")
                .isZero();
        try (var files = Files.list(dir.resolve("agent/sim"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".json")).count()).as("one domain").isEqualTo(1);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private JsonNode host() {
        return rest.get("/hosts?name=edge-1").path("items").path(0);
    }

    private Process up() throws InterruptedException {
        Process p = processes.start("manager.log", List.of("up", "--data-dir", dir.resolve("manager").toString(),
                "--port", String.valueOf(rest.port()), "--local-driver", "sim", "--step-delay-ms", "50",
                "--agent-listen", "127.0.0.1:" + agentPort));
        rest.awaitUp();
        return p;
    }

    private Process agent(String token) {
        List<String> args = new ArrayList<>(List.of("agent", "--manager", "127.0.0.1:" + agentPort, "--driver", "sim",
                "--data-dir", dir.resolve("agent").toString(), "--hostname", "edge-1", "--sim-cpus", "6",
                "--sim-step-delay-ms", "50"));
        if (token != null) {
            args.addAll(List.of("--token", token));
        }
        return processes.start("agent.log", args);
    }
}
