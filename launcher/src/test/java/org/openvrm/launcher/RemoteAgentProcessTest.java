package org.openvrm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager ({@code vrm up}) and a host's agent ({@code vrm agent --driver sim}) as two real processes talking
 * gRPC over mutual TLS: register with a token, run a VM, SIGKILL the agent and start it again without a token,
 * restart the manager under the running agent. Nothing is duplicated and the VM never stops.
 */
class RemoteAgentProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    private int port;
    private int agentPort;

    @AfterEach
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void agentProcessRegistersRunsAVmAndSurvivesKillNineAndAManagerRestart() throws Exception {
        port = freePort();
        agentPort = freePort();
        Process manager = up();
        String cluster = get("/clusters?name=local").at("/items/0/id").asText();
        String token = send(HttpRequest.newBuilder(uri("/hosts/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clusterId\":\"" + cluster
                        + "\",\"hostName\":\"edge-1\"}")).build()).get("token").asText();

        long t0 = System.nanoTime();
        Process agent = agent(token);
        awaitTrue(() -> host().path("state").asText().equals("CONNECTED"));
        long registered = System.nanoTime();
        String hostId = host().get("id").asText();
        assertThat(host().get("driver").asText()).isEqualTo("remote");
        assertThat(host().at("/hardware/logicalCpus").asInt()).as("the agent's --sim-cpus").isEqualTo(6);

        String create = post("/vms", "{\"name\":\"r1\",\"hostId\":\"" + hostId + "\",\"vcpus\":1,\"memoryMb\":256}");
        awaitTrue(() -> get("/tasks/" + create).path("state").asText().equals("SUCCEEDED"));
        String vm = get("/tasks/" + create).get("targetId").asText();
        String start = post("/vms/" + vm + "/start", "");
        awaitTrue(() -> get("/tasks/" + start).path("state").asText().equals("SUCCEEDED"));
        assertThat(get("/vms/" + vm).get("state").asText()).isEqualTo("RUNNING");

        agent.destroyForcibly(); // SIGKILL: the stream just breaks
        agent.waitFor();
        long killed = System.nanoTime();
        awaitTrue(() -> host().path("state").asText().equals("DISCONNECTED"));
        long noticed = System.nanoTime();
        agent(null); // no token: the identity in its data dir
        awaitTrue(() -> host().path("state").asText().equals("CONNECTED"));
        long back = System.nanoTime();
        assertThat(get("/vms/" + vm).get("state").asText()).isEqualTo("RUNNING");
        assertThat(get("/hosts").get("total").asInt()).as("local + edge-1, no second edge host").isEqualTo(2);

        manager.destroyForcibly();
        manager.waitFor();
        long managerUp = System.nanoTime();
        up();
        awaitTrue(() -> host().path("state").asText().equals("CONNECTED")); // the agent dialled back by itself
        long redialled = System.nanoTime();
        // printed, never asserted (a loaded machine makes any bound flaky); includes JVM start-up of each process
        System.out.printf("remote agent timings: start to CONNECTED %d ms (JVM start, key, register, session), "
                        + "kill -9 to DISCONNECTED %d ms, restart to CONNECTED %d ms, manager restart to CONNECTED "
                        + "%d ms%n", ms(registered - t0), ms(noticed - killed), ms(back - noticed),
                ms(redialled - managerUp));
        assertThat(get("/vms/" + vm).get("state").asText()).isEqualTo("RUNNING");
        assertThat(get("/events?type=vm.state.reconciled").get("total").asInt()).as("nothing to correct").isZero();
        try (var files = Files.list(dir.resolve("agent/sim"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".json")).count()).as("one domain").isEqualTo(1);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private JsonNode host() {
        return get("/hosts?name=edge-1").path("items").path(0);
    }

    private Process up() throws Exception {
        Process p = java("up", "--data-dir", dir.resolve("manager").toString(), "--port", String.valueOf(port),
                "--local-driver", "sim", "--step-delay-ms", "50", "--agent-listen", "127.0.0.1:" + agentPort)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("manager.log").toFile())).start();
        processes.add(p);
        awaitTrue(() -> get("/about").has("version"));
        return p;
    }

    private Process agent(String token) throws IOException {
        List<String> args = new ArrayList<>(List.of("agent", "--manager", "127.0.0.1:" + agentPort, "--driver", "sim",
                "--data-dir", dir.resolve("agent").toString(), "--hostname", "edge-1", "--sim-cpus", "6",
                "--sim-step-delay-ms", "50"));
        if (token != null) {
            args.addAll(List.of("--token", token));
        }
        Process p = java(args.toArray(String[]::new))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile())).start();
        processes.add(p);
        return p;
    }

    private static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.openvrm.launcher.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private String post(String path, String body) {
        JsonNode r = send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.has("id")).as(r.toString()).isTrue();
        return r.get("id").asText();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1" + path);
    }

    private JsonNode send(HttpRequest request) {
        try {
            return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return JSON.createObjectNode(); // not up yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in 120 s; logs in " + dir);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
