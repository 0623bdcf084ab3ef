package org.openvrm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.launcher.testkit.VrmProcesses;
import org.openvrm.launcher.testkit.VrmRest;
import org.openvrm.manager.testkit.LocalLibvirt;

/**
 * The real thing: {@code vrm up} as its own process, killed with SIGKILL in the middle of starting 20 VMs, then
 * started again on the same data directory. Every VM must end in a consistent state, no task may stay unfinished,
 * and the simulated host must hold exactly one domain per VM.
 */
class CrashRecoveryTest {

    /** The real-libvirt case's domains: {@code vrm up}'s libvirt host takes its name prefix from the environment. */
    private static final String PREFIX = "vrm-test-crash-";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run keeps the manager's log
    Path dataDir;

    private VrmProcesses processes;
    private VrmRest rest;

    @BeforeEach
    void prepare() throws IOException {
        processes = new VrmProcesses(dataDir);
        rest = new VrmRest(VrmProcesses.freePort(), dataDir);
    }

    @AfterEach
    void killAll() {
        processes.close();
    }

    @Test
    void killNineDuringTwentyStartsConvergesWithNothingLostOrDuplicated() throws Exception {
        Process first = up();
        rest.await("the local host CONNECTED",
                () -> rest.get("/hosts?name=local").path("items").path(0).path("state").asText().equals("CONNECTED"));

        List<String> createTasks = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            createTasks.add(rest.postForId("/vms", "{\"name\":\"crash-" + i + "\",\"vcpus\":1,\"memoryMb\":256}"));
        }
        for (String t : createTasks) {
            assertThat(rest.awaitTask(t)).isEqualTo("SUCCEEDED");
        }
        List<String> vms = new ArrayList<>();
        for (JsonNode vm : rest.get("/vms?name=crash-*").get("items")) {
            vms.add(vm.get("id").asText());
        }
        assertThat(vms).hasSize(20);
        List<String> startTasks = new ArrayList<>();
        for (String vm : vms) {
            startTasks.add(rest.postForId("/vms/" + vm + "/start", ""));
        }
        Thread.sleep(1000); // each step takes 2 s: every start is in flight now
        assertThat(rest.get("/tasks?state=RUNNING&type=vm.start").get("total").asInt()).isPositive();
        VrmProcesses.kill(first); // no shutdown hook runs

        up();
        rest.await("no task running or queued", () -> rest.get("/tasks?state=RUNNING").get("total").asInt() == 0
                && rest.get("/tasks?state=QUEUED").get("total").asInt() == 0);

        assertThat(rest.get("/vms?limit=100").get("total").asInt()).isEqualTo(20);
        for (String vm : vms) {
            assertThat(rest.get("/vms/" + vm).get("state").asText()).as(vm).isEqualTo("RUNNING");
        }
        for (String t : startTasks) {
            JsonNode task = rest.get("/tasks/" + t);
            assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("SUCCEEDED");
            assertThat(task.get("attempts").asInt()).as("resumed once after the kill").isEqualTo(2);
        }
        JsonNode host = rest.get("/hosts?name=local").get("items").get(0);
        assertThat(host.at("/capacity/used/vms").asInt()).isEqualTo(20);
        assertThat(host.at("/capacity/memory/allocatedMb").asLong()).isEqualTo(20 * 256);
        try (var files = Files.list(dataDir.resolve("sim-hosts").resolve(host.get("id").asText()))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".json")).count())
                    .as("one domain per VM on the host").isEqualTo(20);
        }
    }

    private Process up() throws InterruptedException {
        return up("sim");
    }

    private Process up(String localDriver) throws InterruptedException {
        Process p = processes.start("manager.log", Map.of("OPENVRM_LIBVIRT_PREFIX", PREFIX), List.of("up",
                "--data-dir", dataDir.toString(), "--port", String.valueOf(rest.port()),
                "--local-driver", localDriver, "--step-delay-ms", "2000", // slow simulated steps: kill mid-way
                "--agent-listen", "127.0.0.1:0")); // a free agent port: parallel runs never collide
        rest.awaitUp();
        return p;
    }

    /**
     * The same on this machine's real libvirtd: VMs running real QEMU outlive a SIGKILLed manager, and the restarted
     * manager finds every VM, task and event it had committed.
     */
    @Test
    void killNineWithRealVmsRunningLosesNothing() throws Exception {
        LocalLibvirt.requireReachable(); // skipped without libvirtd, failed in CI
        Path image = LocalLibvirt.tinyGuest();
        // QEMU runs as libvirt-qemu: it must be able to reach the datastore under the data directory
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process first = up("libvirt");
        rest.await("the local host CONNECTED",
                () -> rest.get("/hosts?name=local").path("items").path(0).path("state").asText().equals("CONNECTED"));
        List<String> vms = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                vms.add(rest.create("/vms", "{\"name\":\"real-" + i + "\",\"vcpus\":1,\"memoryMb\":256,"
                        + "\"disks\":[{\"sizeMb\":64,\"image\":\"" + image + "\"}]}"));
            }
            List<String> starts = new ArrayList<>();
            for (String vm : vms) {
                starts.add(rest.postForId("/vms/" + vm + "/start", ""));
            }
            for (String t : starts) {
                assertThat(rest.awaitTask(t)).isEqualTo("SUCCEEDED");
            }
            VrmProcesses.kill(first);
            for (String vm : vms) {
                assertThat(LocalLibvirt.virshResult("domstate", PREFIX + vm).output()).as("QEMU outlives the manager")
                        .contains("running");
            }

            up("libvirt");
            rest.await("no task running", () -> rest.get("/tasks?state=RUNNING").get("total").asInt() == 0);
            for (String vm : vms) {
                assertThat(rest.get("/vms/" + vm).get("state").asText()).as(vm).isEqualTo("RUNNING");
            }
            for (String t : starts) {
                assertThat(rest.get("/tasks/" + t).get("state").asText()).as("a committed task survives").isEqualTo(
                        "SUCCEEDED");
            }
            assertThat(rest.get("/events?type=vm.state.reconciled").get("total").asInt())
                    .as("nothing to correct: the store already said RUNNING").isZero();
        } finally {
            processes.close();
            for (String vm : vms) {
                LocalLibvirt.virshResult("destroy", PREFIX + vm);
                LocalLibvirt.virshResult("undefine", PREFIX + vm);
            }
            LocalLibvirt.deleteLogsOfGoneDomains(PREFIX);
        }
    }
}
