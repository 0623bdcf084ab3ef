package org.openvrm.manager.host;

import org.openvrm.manager.testkit.LocalLibvirt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openvrm.driver.libvirt.LibvirtConfig;
import org.openvrm.manager.Ids;
import org.openvrm.manager.Manager;
import org.openvrm.manager.ManagerConfig;
import org.openvrm.manager.testkit.Api;

/**
 * An in-process manager whose one host is this machine's libvirtd, with a cluster, a datastore directory and a port
 * group, for tests that drive real QEMU through the API. {@link #close} removes every domain, volume and bridge the
 * test's VMs left, whatever state the test ended in.
 */
final class LibvirtManager implements AutoCloseable {

    /** Domain names are this prefix + the vmId (random), so parallel runs never collide. */
    static final String PREFIX = "vrm-test-bad-";

    private final Manager manager;
    private final Api api;
    private final Path dataDir;
    final String hostId;
    final String datastoreId;
    final Path datastore;
    final String portGroupId;
    final String bridge;

    LibvirtManager() throws IOException {
        this(c -> c);
    }

    /** As {@link #LibvirtManager()}, with the test's own changes to the configuration (e.g. short host timeouts). */
    LibvirtManager(java.util.function.UnaryOperator<ManagerConfig> tweak) throws IOException {
        dataDir = Files.createTempDirectory("vrm-libvirt-bad-");
        var config = tweak.apply(ManagerConfig.defaults(dataDir).withPort(0).withLocalHost(false, 0)
                .withLibvirt(LibvirtConfig.defaults().withNamePrefix(PREFIX)));
        manager = new Manager(config, Clock.systemUTC(), new Ids());
        manager.start();
        api = new Api(manager.url());
        String cluster = api.create("/clusters", "{\"name\":\"real\"}");
        hostId = api.create("/hosts", "{\"name\":\"this-machine\",\"clusterId\":\"" + cluster
                + "\",\"driver\":\"libvirt\"}");
        datastore = LocalLibvirt.newDatastore("bad");
        datastoreId = api.create("/datastores", "{\"name\":\"ds\",\"type\":\"dir\",\"path\":\"" + datastore
                + "\",\"capacityMb\":10000}");
        portGroupId = api.create("/portgroups", "{\"name\":\"pg\"}");
        bridge = api.get("/portgroups/" + portGroupId).body().get("bridge").asText();
    }

    Api api() {
        return api;
    }

    /** The tiny guest as a linked clone on the test's datastore and port group; 1 vCPU, 256 MB. */
    String tinyVmJson(String name) {
        return """
                {"name":"%s","vcpus":1,"memoryMb":256,
                 "disks":[{"sizeMb":64,"image":"%s","datastoreId":"%s"}],"nics":[{"portGroupId":"%s"}]}
                """.formatted(name, LocalLibvirt.tinyGuest(), datastoreId, portGroupId);
    }

    /** POSTs a VM and waits for its creation task; returns the finished task. */
    JsonNode createVm(String json) {
        return api.change("/vms", json);
    }

    String state(String vmId) {
        return api.get("/vms/" + vmId).body().get("state").asText();
    }

    /** Waits (up to {@code seconds}) until the VM's recorded state is one of {@code states}; returns it. */
    String awaitState(String vmId, int seconds, String... states) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String state = state(vmId);
            if (List.of(states).contains(state)) {
                return state;
            }
            assertThat(System.nanoTime()).as("VM %s is %s, expected one of %s within %d s", vmId, state,
                    List.of(states), seconds).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** How many VMs the host has placed on it, as its capacity view counts them. */
    int vmsOnHost() {
        return api.get("/hosts/" + hostId).body().at("/capacity/used/vms").asInt();
    }

    /** The events a task left. */
    JsonNode eventsOf(String taskId) {
        return api.get("/events?taskId=" + taskId).body().get("items");
    }

    String domainName(String vmId) {
        return PREFIX + vmId;
    }

    /** Waits for a task the test started with POST/DELETE. */
    JsonNode await(Api.Response accepted) {
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return api.awaitTask(accepted.body().get("id").asText(), Duration.ofSeconds(120));
    }

    @Override
    public void close() throws IOException {
        List<String> vms = new java.util.ArrayList<>();
        try {
            for (JsonNode vm : api.get("/vms?limit=500").body().get("items")) {
                vms.add(vm.get("id").asText());
            }
        } finally {
            manager.close();
            for (String vm : vms) {
                LocalLibvirt.run(Duration.ofSeconds(30), "virsh", "-q", "-c", LocalLibvirt.URI, "destroy",
                        domainName(vm));
                LocalLibvirt.run(Duration.ofSeconds(30), "virsh", "-q", "-c", LocalLibvirt.URI, "undefine",
                        "--snapshots-metadata", domainName(vm));
            }
            LocalLibvirt.run(Duration.ofSeconds(10), "/sbin/ip", "link", "del", bridge);
            LocalLibvirt.deleteTree(datastore);
            LocalLibvirt.deleteTree(dataDir);
            deleteLogsOfGoneDomains();
        }
    }

    /** QEMU and serial logs are left for the operator by design; a test's are removed with its domains. */
    private static void deleteLogsOfGoneDomains() throws IOException {
        for (Path log : LocalLibvirt.files(Path.of("/var/log/libvirt/qemu"))) {
            String file = log.getFileName().toString();
            String domain = file.replaceFirst("(-serial)?\\.log$", "");
            if (file.startsWith(PREFIX) && file.endsWith(".log") && !LocalLibvirt.domainExists(domain)) {
                Files.deleteIfExists(log);
            }
        }
    }
}
