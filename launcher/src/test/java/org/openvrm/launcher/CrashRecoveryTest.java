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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: {@code vrm up} as its own process, killed with SIGKILL in the middle of starting 20 VMs, then
 * started again on the same data directory. Every VM must end in a consistent state, no task may stay unfinished,
 * and the simulated host must hold exactly one domain per VM.
 */
class CrashRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dataDir;

    private int port;

    @AfterEach
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void killNineDuringTwentyStartsConvergesWithNothingLostOrDuplicated() throws Exception {
        port = freePort();
        Process first = up();
        awaitTrue(() -> get("/hosts?name=local").path("items").path(0).path("state").asText().equals("CONNECTED"));

        List<String> createTasks = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            createTasks.add(post("/vms", "{\"name\":\"crash-" + i + "\",\"vcpus\":1,\"memoryMb\":256}").get("id")
                    .asText());
        }
        for (String t : createTasks) {
            awaitTrue(() -> get("/tasks/" + t).path("state").asText().equals("SUCCEEDED"));
        }
        List<String> vms = new ArrayList<>();
        for (JsonNode vm : get("/vms?name=crash-*").get("items")) {
            vms.add(vm.get("id").asText());
        }
        assertThat(vms).hasSize(20);
        List<String> startTasks = new ArrayList<>();
        for (String vm : vms) {
            startTasks.add(post("/vms/" + vm + "/start", "").get("id").asText());
        }
        Thread.sleep(1000); // each step takes 2 s: every start is in flight now
        assertThat(get("/tasks?state=RUNNING&type=vm.start").get("total").asInt()).isPositive();
        first.destroyForcibly(); // SIGKILL: no shutdown hook runs
        first.waitFor();

        up();
        awaitTrue(() -> get("/tasks?state=RUNNING").get("total").asInt() == 0
                && get("/tasks?state=QUEUED").get("total").asInt() == 0);

        assertThat(get("/vms?limit=100").get("total").asInt()).isEqualTo(20);
        for (String vm : vms) {
            assertThat(get("/vms/" + vm).get("state").asText()).as(vm).isEqualTo("RUNNING");
        }
        for (String t : startTasks) {
            JsonNode task = get("/tasks/" + t);
            assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("SUCCEEDED");
            assertThat(task.get("attempts").asInt()).as("resumed once after the kill").isEqualTo(2);
        }
        JsonNode host = get("/hosts?name=local").get("items").get(0);
        assertThat(host.at("/capacity/used/vms").asInt()).isEqualTo(20);
        assertThat(host.at("/capacity/memory/allocatedMb").asLong()).isEqualTo(20 * 256);
        try (var files = Files.list(dataDir.resolve("sim-hosts").resolve(host.get("id").asText()))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".json")).count())
                    .as("one domain per VM on the host").isEqualTo(20);
        }
    }

    private Process up() throws IOException, InterruptedException {
        return up("sim");
    }

    private Process up(String localDriver) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.openvrm.launcher.Main", "up", "--data-dir", dataDir.toString(), "--port", String.valueOf(port),
                "--local-driver", localDriver, "--step-delay-ms", "2000", // slow simulated steps: kill mid-way
                "--agent-listen", "127.0.0.1:0") // a free agent port: parallel runs never collide
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("manager.log").toFile()))
                .start();
        processes.add(p);
        awaitTrue(() -> get("/about").has("version"));
        return p;
    }

    /**
     * The same on this machine's real libvirtd: VMs running real QEMU outlive a SIGKILLed manager, and the restarted
     * manager finds every VM, task and event it had committed.
     */
    @Test
    void killNineWithRealVmsRunningLosesNothing() throws Exception {
        Path image = repoRoot().resolve("guest/out/tiny-guest.qcow2");
        boolean ci = "true".equals(System.getenv("CI"));
        org.junit.jupiter.api.Assumptions.assumeTrue(ci || (Files.isReadable(image)
                && new ProcessBuilder("virsh", "-c", "qemu:///system", "version").start().waitFor() == 0),
                "needs libvirtd and the tiny guest (scripts/host-setup, guest/build)");
        // QEMU runs as libvirt-qemu: it must be able to reach the datastore under the data directory
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        port = freePort();
        up("libvirt");
        awaitTrue(() -> get("/hosts?name=local").path("items").path(0).path("state").asText().equals("CONNECTED"));
        List<String> vms = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                String task = post("/vms", "{\"name\":\"real-" + i + "\",\"vcpus\":1,\"memoryMb\":256,"
                        + "\"disks\":[{\"sizeMb\":64,\"image\":\"" + image + "\"}]}").get("id").asText();
                awaitTrue(() -> get("/tasks/" + task).path("state").asText().equals("SUCCEEDED"));
                vms.add(get("/tasks/" + task).get("targetId").asText());
            }
            List<String> starts = new ArrayList<>();
            for (String vm : vms) {
                starts.add(post("/vms/" + vm + "/start", "").get("id").asText());
            }
            for (String t : starts) {
                awaitTrue(() -> get("/tasks/" + t).path("state").asText().equals("SUCCEEDED"));
            }
            processes.getLast().destroyForcibly();
            processes.getLast().waitFor();
            for (String vm : vms) {
                assertThat(virsh("domstate", "vrm-" + vm)).as("QEMU outlives the manager").contains("running");
            }

            up("libvirt");
            awaitTrue(() -> get("/tasks?state=RUNNING").get("total").asInt() == 0);
            for (String vm : vms) {
                assertThat(get("/vms/" + vm).get("state").asText()).as(vm).isEqualTo("RUNNING");
            }
            for (String t : starts) {
                assertThat(get("/tasks/" + t).get("state").asText()).as("a committed task survives").isEqualTo(
                        "SUCCEEDED");
            }
            assertThat(get("/events?type=vm.state.reconciled").get("total").asInt())
                    .as("nothing to correct: the store already said RUNNING").isZero();
        } finally {
            for (String vm : vms) {
                virsh("destroy", "vrm-" + vm);
                virsh("undefine", "vrm-" + vm);
            }
        }
    }

    private static String virsh(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("virsh", "-c", "qemu:///system"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("guest/build"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("/nonexistent") : dir;
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private JsonNode post(String path, String body) {
        JsonNode r = send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.has("id")).as(r.toString()).isTrue();
        return r;
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

    private void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in 90 s; manager log: " + dataDir.resolve("manager.log"));
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
