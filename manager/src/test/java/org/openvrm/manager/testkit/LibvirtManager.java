package org.openvrm.manager.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openvrm.driver.libvirt.LibvirtConfig;
import org.openvrm.manager.Ids;
import org.openvrm.manager.Manager;
import org.openvrm.manager.ManagerConfig;

/**
 * An in-process manager whose one host is this machine's libvirtd, with a cluster, a datastore directory and a port
 * group, for tests that drive real QEMU through the API. {@link #close} removes every domain, volume and bridge the
 * test's VMs left, whatever state the test ended in. Each test class passes its own label, so its domains
 * ({@code vrm-test-<label>-<vmId>}) and directories are told apart from another's (and a vmId is random anyway).
 */
public final class LibvirtManager implements AutoCloseable {

    private final String prefix;
    private final Manager manager;
    private final Api api;
    private final Path dataDir;
    public final String hostId;
    public final String datastoreId;
    public final Path datastore;
    public final String portGroupId;
    public final String bridge;

    public LibvirtManager(String label) throws IOException {
        this(label, c -> c);
    }

    /** As {@link #LibvirtManager(String)}, with the test's own changes to the configuration (e.g. short timeouts). */
    public LibvirtManager(String label, UnaryOperator<ManagerConfig> tweak) throws IOException {
        LocalLibvirt.requireReachable();
        prefix = "vrm-test-" + label + "-";
        dataDir = Files.createTempDirectory("vrm-libvirt-" + label + "-");
        var config = tweak.apply(ManagerConfig.defaults(dataDir).withPort(0).withLocalHost(false, 0)
                .withLibvirt(LibvirtConfig.defaults().withNamePrefix(prefix)));
        manager = new Manager(config, Clock.systemUTC(), new Ids());
        manager.start();
        api = new Api(manager.url());
        // from here on a failure must not leave the manager, the datastore or the bridge behind
        String ds = null;
        String pg = null;
        String br = null;
        Path dir = null;
        try {
            String cluster = api.create("/clusters", "{\"name\":\"real\"}");
            hostId = api.create("/hosts", "{\"name\":\"this-machine\",\"clusterId\":\"" + cluster
                    + "\",\"driver\":\"libvirt\"}");
            dir = LocalLibvirt.newDatastore(label);
            ds = api.create("/datastores", "{\"name\":\"ds\",\"type\":\"dir\",\"path\":\"" + dir
                    + "\",\"capacityMb\":10000}");
            pg = api.create("/portgroups", "{\"name\":\"pg\"}");
            br = api.get("/portgroups/" + pg).body().get("bridge").asText();
        } catch (RuntimeException | Error e) {
            manager.close();
            LocalLibvirt.deleteTree(dir);
            LocalLibvirt.deleteTree(dataDir);
            throw e;
        }
        datastore = dir;
        datastoreId = ds;
        portGroupId = pg;
        bridge = br;
    }

    public Api api() {
        return api;
    }

    /** The tiny guest as a linked clone on the test's datastore and port group; 1 vCPU, 256 MB. */
    public String tinyVmJson(String name) {
        return """
                {"name":"%s","vcpus":1,"memoryMb":256,
                 "disks":[{"sizeMb":64,"image":"%s","datastoreId":"%s"}],"nics":[{"portGroupId":"%s"}]}
                """.formatted(name, LocalLibvirt.tinyGuest(), datastoreId, portGroupId);
    }

    /** POSTs a VM and waits for its creation task; returns the finished task. */
    public JsonNode createVm(String json) {
        return api.change("/vms", json);
    }

    /** POSTs the tiny guest ({@link #tinyVmJson}), checks its creation succeeded and returns the VM's id. */
    public String createTinyVm(String name) {
        JsonNode task = createVm(tinyVmJson(name));
        assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("SUCCEEDED");
        return task.get("targetId").asText();
    }

    /** POSTs an action (start, stop, ...) on a VM, waits for its task and checks that it succeeded. */
    public JsonNode succeeded(String path, String body) {
        JsonNode task = api.change(path, body);
        assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("SUCCEEDED");
        return task;
    }

    public String state(String vmId) {
        return api.get("/vms/" + vmId).body().get("state").asText();
    }

    /** Waits (up to {@code seconds}) until the VM's recorded state is one of {@code states}; returns it. */
    public String awaitState(String vmId, int seconds, String... states) throws InterruptedException {
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
    public int vmsOnHost() {
        return api.get("/hosts/" + hostId).body().at("/capacity/used/vms").asInt();
    }

    /** The events a task left. */
    public JsonNode eventsOf(String taskId) {
        return api.get("/events?taskId=" + taskId).body().get("items");
    }

    public String domainName(String vmId) {
        return prefix + vmId;
    }

    /** Waits for a task the test started with POST/DELETE. */
    public JsonNode await(Api.Response accepted) {
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return api.awaitTask(accepted.body().get("id").asText(), Duration.ofSeconds(120));
    }

    /** Deletes a VM through the API, checks the task succeeded and that neither its domain nor a volume is left. */
    public void deleteVmLeavingNoTrace(String vmId) throws IOException {
        JsonNode delete = await(api.delete("/vms/" + vmId));
        assertThat(delete.get("state").asText()).as(delete.toString()).isEqualTo("SUCCEEDED");
        assertThat(LocalLibvirt.domainExists(domainName(vmId))).as("no domain left").isFalse();
        assertThat(LocalLibvirt.files(datastore)).as("no volume left").isEmpty();
    }

    @Override
    public void close() throws IOException {
        List<String> vms = new ArrayList<>();
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
                        "--managed-save", "--snapshots-metadata", domainName(vm));
            }
            LocalLibvirt.run(Duration.ofSeconds(10), "/sbin/ip", "link", "del", bridge);
            LocalLibvirt.deleteTree(datastore);
            LocalLibvirt.deleteTree(dataDir);
            LocalLibvirt.deleteLogsOfGoneDomains(prefix);
        }
    }
}
