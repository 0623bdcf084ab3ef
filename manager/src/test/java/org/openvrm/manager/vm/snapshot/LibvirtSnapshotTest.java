package org.openvrm.manager.vm.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.libvirt.LibvirtConfig;
import org.openvrm.manager.Ids;
import org.openvrm.manager.Manager;
import org.openvrm.manager.ManagerConfig;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.LocalLibvirt;

/**
 * Snapshots through the manager on this machine's real libvirtd + QEMU: the tiny guest running, a snapshot with its
 * memory, powered off, reverted (running again), the snapshot deleted, and the VM deleted with its snapshots.
 */
class LibvirtSnapshotTest {

    private static final String PREFIX = "vrm-test-snap-";
    private Manager manager;
    private Api api;
    private Path datastore;
    private String bridge;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        LocalLibvirt.requireReachable();
        Path dataDir = Files.createTempDirectory("vrm-libvirt-snap-test-");
        datastore = Path.of("/var/lib/openvrm-test/snap-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(datastore);
        var config = ManagerConfig.defaults(dataDir).withPort(0).withLocalHost(false, 0)
                .withLibvirt(LibvirtConfig.defaults().withNamePrefix(PREFIX));
        manager = new Manager(config, Clock.systemUTC(), new Ids());
        manager.start();
        api = new Api(manager.url());
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        if (manager != null) {
            manager.close();
        }
        if (bridge != null) {
            new ProcessBuilder("/sbin/ip", "link", "del", bridge).start().waitFor();
        }
        if (datastore != null) {
            try (var files = Files.list(datastore)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(datastore);
        }
    }

    private JsonNode succeeded(String path, String body) {
        JsonNode t = api.change(path, body);
        assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("SUCCEEDED");
        return t;
    }

    private static long millis(JsonNode task) {
        return Duration.between(java.time.Instant.parse(task.get("startedAt").asText()),
                java.time.Instant.parse(task.get("finishedAt").asText())).toMillis();
    }

    @Test
    void aRunningGuestIsSnapshottedRevertedAndDeletedWithItsSnapshots() throws Exception {
        Path image = LocalLibvirt.tinyGuest();
        String cluster = api.create("/clusters", "{\"name\":\"real\"}");
        api.create("/hosts", "{\"name\":\"this-machine\",\"clusterId\":\"" + cluster + "\",\"driver\":\"libvirt\"}");
        api.create("/datastores", "{\"name\":\"ds\",\"type\":\"dir\",\"path\":\"" + datastore
                + "\",\"capacityMb\":10000}");
        String portGroup = api.create("/portgroups", "{\"name\":\"pg\"}");
        bridge = api.get("/portgroups/" + portGroup).body().get("bridge").asText();
        String vm = api.create("/vms", """
                {"name":"tiny","vcpus":1,"memoryMb":256,"disks":[{"sizeMb":64,"image":"%s"}],"nics":[{}]}
                """.formatted(image));
        String domain = PREFIX + vm;
        succeeded("/vms/" + vm + "/start", "");

        JsonNode take = succeeded("/vms/" + vm + "/snapshots", "{\"name\":\"live\"}");
        String snap = take.get("targetId").asText();
        assertThat(LocalLibvirt.virshResult("snapshot-list", domain, "--name").output()).contains(snap);
        JsonNode recorded = api.get("/vms/" + vm + "/snapshots/" + snap).body();
        assertThat(recorded.get("vmState").asText()).as("libvirt recorded a running guest").isEqualTo("RUNNING");
        assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("RUNNING");

        succeeded("/vms/" + vm + "/stop", "");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).contains("shut off");
        JsonNode revert = succeeded("/vms/" + vm + "/snapshots/" + snap + "/revert", "");
        assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("RUNNING");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).as("the guest runs again from its memory")
                .contains("running");

        JsonNode delete = api.delete("/vms/" + vm + "/snapshots/" + snap).body();
        assertThat(api.awaitTask(delete.get("id").asText(), Duration.ofSeconds(120)).get("state").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(LocalLibvirt.virshResult("snapshot-list", domain, "--name").output()).doesNotContain(snap);
        System.out.printf("real QEMU snapshot timings: take %d ms, revert %d ms%n", millis(take), millis(revert));

        succeeded("/vms/" + vm + "/snapshots", "{\"name\":\"kept\"}");
        succeeded("/vms/" + vm + "/stop", "");
        JsonNode gone = api.delete("/vms/" + vm).body();
        assertThat(api.awaitTask(gone.get("id").asText(), Duration.ofSeconds(120)).get("state").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(LocalLibvirt.virshResult("dominfo", domain).exit()).as("no domain left").isNotZero();
        try (var files = Files.list(datastore)) {
            assertThat(files.toList()).as("no volume left").isEmpty();
        }
    }
}
