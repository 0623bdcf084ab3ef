package org.openvrm.manager.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.libvirt.LibvirtConfig;
import org.openvrm.manager.Ids;
import org.openvrm.manager.Manager;
import org.openvrm.manager.ManagerConfig;
import org.openvrm.manager.testkit.LocalLibvirt;
import org.openvrm.manager.testkit.Api;

/**
 * The manager driving this machine's real libvirtd + QEMU: a VM made as a linked clone of the tiny test guest, on
 * a port group whose bridge the agent makes, started, shut down through the guest, deleted without a trace.
 */
class LibvirtHostTest {

    private static final String PREFIX = "vrm-test-mgr-";
    private Manager manager;
    private Api api;
    private Path dataDir;
    private Path datastore;
    private String bridge;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        LocalLibvirt.requireReachable();
        dataDir = Files.createTempDirectory("vrm-libvirt-test-");
        datastore = Path.of("/var/lib/openvrm-test/mgr-" + UUID.randomUUID().toString().substring(0, 8));
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
            LocalLibvirt.run(java.time.Duration.ofSeconds(30), "/sbin/ip", "link", "del", bridge);
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

    @Test
    void aTinyGuestIsCreatedStartedShutDownThroughTheGuestAndDeletedWithoutATrace() throws Exception {
        Path image = LocalLibvirt.tinyGuest();
        String cluster = api.create("/clusters", "{\"name\":\"real\"}");
        api.create("/hosts", "{\"name\":\"this-machine\",\"clusterId\":\"" + cluster + "\",\"driver\":\"libvirt\"}");
        JsonNode host = api.get("/hosts?name=this-machine").body().at("/items/0");
        assertThat(host.at("/hardware/virtualization").asText()).isIn("KVM", "QEMU_TCG");
        assertThat(host.at("/hardware/logicalCpus").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        var second = api.post("/hosts", "{\"name\":\"again\",\"clusterId\":\"" + cluster + "\",\"driver\":\"libvirt\"}");
        assertThat(second.code()).isEqualTo("LOCAL_HOST_EXISTS");

        api.create("/datastores", "{\"name\":\"ds\",\"type\":\"dir\",\"path\":\"" + datastore + "\",\"capacityMb\":10000}");
        String portGroup = api.create("/portgroups", "{\"name\":\"pg\"}");
        bridge = api.get("/portgroups/" + portGroup).body().get("bridge").asText();

        String vm = api.create("/vms", """
                {"name":"tiny","vcpus":1,"memoryMb":256,"disks":[{"sizeMb":64,"image":"%s"}],"nics":[{}]}
                """.formatted(image));
        String domain = PREFIX + vm;
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).contains("shut off");
        assertThat(Path.of("/sys/class/net", bridge, "bridge")).as("the agent made the port group's bridge")
                .isDirectory();
        try (var files = Files.list(datastore)) {
            assertThat(files.count()).as("the VM's disk, a linked clone").isEqualTo(1);
        }

        assertThat(api.change("/vms/" + vm + "/start", "").get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("RUNNING");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).contains("running");

        JsonNode shutdown = api.change("/vms/" + vm + "/shutdown", "");
        assertThat(shutdown.get("state").asText()).as(shutdown.toString()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("STOPPED");

        assertThat(api.change("/vms/" + vm + "/start", "").get("state").asText()).isEqualTo("SUCCEEDED");
        LocalLibvirt.virshResult("destroy", domain); // powered off behind the manager's back
        awaitState(vm, "STOPPED", "CRASHED");

        JsonNode delete = api.delete("/vms/" + vm).body();
        assertThat(api.awaitTask(delete.get("id").asText(), Duration.ofSeconds(60)).get("state").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(LocalLibvirt.virshResult("dominfo", domain).exit()).as("no domain left").isNotZero();
        try (var files = Files.list(datastore)) {
            assertThat(files.toList()).as("no volume left").isEmpty();
        }
    }

    private void awaitState(String vm, String... states) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!java.util.List.of(states).contains(api.get("/vms/" + vm).body().get("state").asText())) {
            assertThat(System.nanoTime()).as("VM state follows the host").isLessThan(deadline);
            Thread.sleep(100);
        }
    }



}
