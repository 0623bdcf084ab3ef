package org.openvrm.manager.vm;

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
 * Hibernate through the manager on this machine's real libvirtd + QEMU: the tiny guest's memory saved to disk (no
 * QEMU process left, no host memory counted), started again from it, and a hibernated VM deleted without a trace.
 */
class LibvirtHibernateTest {

    private static final String PREFIX = "vrm-test-hib-";
    private Manager manager;
    private Api api;
    private Path datastore;
    private String bridge;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        LocalLibvirt.requireReachable();
        Path dataDir = Files.createTempDirectory("vrm-libvirt-hib-test-");
        datastore = Path.of("/var/lib/openvrm-test/hib-" + UUID.randomUUID().toString().substring(0, 8));
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

    private JsonNode succeeded(JsonNode task) {
        assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("SUCCEEDED");
        return task;
    }

    private String state(String vm) {
        return api.get("/vms/" + vm).body().get("state").asText();
    }

    @Test
    void aRealGuestHibernatesHoldsNoMemoryAndStartsAgain() throws Exception {
        Path image = LocalLibvirt.tinyGuest();
        String cluster = api.create("/clusters", "{\"name\":\"real\"}");
        String host = api.create("/hosts", "{\"name\":\"this-machine\",\"clusterId\":\"" + cluster
                + "\",\"driver\":\"libvirt\"}");
        api.create("/datastores", "{\"name\":\"ds\",\"type\":\"dir\",\"path\":\"" + datastore
                + "\",\"capacityMb\":10000}");
        String portGroup = api.create("/portgroups", "{\"name\":\"pg\"}");
        bridge = api.get("/portgroups/" + portGroup).body().get("bridge").asText();
        String vm = api.create("/vms", """
                {"name":"tiny","vcpus":1,"memoryMb":256,"disks":[{"sizeMb":64,"image":"%s"}],"nics":[{}]}
                """.formatted(image));
        String domain = PREFIX + vm;
        succeeded(api.change("/vms/" + vm + "/start", ""));
        assertThat(api.get("/hosts/" + host).body().at("/capacity/memory/allocatedMb").asLong()).isEqualTo(256);

        JsonNode hibernate = succeeded(api.change("/vms/" + vm + "/hibernate", ""));
        assertThat(state(vm)).isEqualTo("HIBERNATED");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).as("no QEMU process").contains("shut off");
        assertThat(LocalLibvirt.virshResult("dominfo", domain).output()).containsPattern("Managed save:\\s+yes");
        assertThat(api.get("/hosts/" + host).body().at("/capacity/memory/allocatedMb").asLong()).isZero();

        JsonNode resume = succeeded(api.change("/vms/" + vm + "/start", ""));
        assertThat(state(vm)).isEqualTo("RUNNING");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).contains("running");
        assertThat(LocalLibvirt.virshResult("dominfo", domain).output()).containsPattern("Managed save:\\s+no");
        System.out.printf("real QEMU hibernate %d ms, start from it %d ms%n",
                Duration.between(java.time.Instant.parse(hibernate.get("startedAt").asText()),
                        java.time.Instant.parse(hibernate.get("finishedAt").asText())).toMillis(),
                Duration.between(java.time.Instant.parse(resume.get("startedAt").asText()),
                        java.time.Instant.parse(resume.get("finishedAt").asText())).toMillis());

        succeeded(api.change("/vms/" + vm + "/hibernate", ""));
        JsonNode delete = api.delete("/vms/" + vm).body();
        succeeded(api.awaitTask(delete.get("id").asText(), Duration.ofSeconds(120)));
        assertThat(LocalLibvirt.virshResult("dominfo", domain).exit()).as("no domain left").isNotZero();
        try (var files = Files.list(datastore)) {
            assertThat(files.toList()).as("no volume left").isEmpty();
        }
    }
}
