package org.openvrm.manager.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/**
 * The manager end to end over real HTTP, on each store: inventory, placement, the seed's accounting, the VM state
 * machine, and a restart in the middle.
 */
abstract class VmLifecycleContract {

    private TestManager manager;
    private Api api;

    abstract TestStores.Kind store();

    @BeforeEach
    void start() {
        manager = TestManager.start(store());
        api = manager.api();
        api.create("/datastores", "{\"name\":\"ds1\",\"type\":\"dir\",\"path\":\"/srv/ds1\",\"capacityMb\":10000000}");
        api.create("/portgroups", "{\"name\":\"pg1\"}");
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
    }

    private List<String> createVms(String prefix, int count, String extra) {
        var tasks = new ArrayList<String>();
        for (int i = 1; i <= count; i++) {
            var r = api.post("/vms", """
                    {"name":"%s-%d","vcpus":2,"memoryMb":4096,"disks":[{"sizeMb":20480}],"nics":[{}]%s}
                    """.formatted(prefix, i, extra));
            assertThat(r.status()).as(r.raw()).isEqualTo(202);
            tasks.add(r.body().get("id").asText());
        }
        var ids = new ArrayList<String>();
        for (String t : tasks) {
            JsonNode done = api.awaitTask(t, Duration.ofSeconds(60));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            ids.add(done.get("targetId").asText());
        }
        return ids;
    }

    private void actOnAll(List<String> vms, String action) {
        var tasks = vms.stream().map(id -> {
            var r = action.equals("delete") ? api.delete("/vms/" + id) : api.post("/vms/" + id + "/" + action, "");
            assertThat(r.status()).as(action + " " + r.raw()).isEqualTo(202);
            assertThat(r.body().get("state").asText()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
            return r.body().get("id").asText();
        }).toList();
        for (String t : tasks) {
            assertThat(api.awaitTask(t, Duration.ofSeconds(60)).get("state").asText()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void twentyVmsOnThreeHostsMoveTheSeedsAccountingAndReturnIt() {
        String cluster = manager.clusterWithHosts("c1", 3, 20, 2400, 131072, 0);

        JsonNode host = api.get("/hosts?name=c1-h1").body().get("items").get(0);
        // 20 logical CPUs: 20/10 = 2 management vCPUs; usable (20 - 2) x 2400 = 43200 MHz (seed S4/S5)
        assertThat(host.at("/capacity/managementVcpus").asInt()).isEqualTo(2);
        assertThat(host.at("/capacity/cpu/totalMhz").asLong()).isEqualTo(48_000);
        assertThat(host.at("/capacity/cpu/usableMhz").asLong()).isEqualTo(43_200);
        // 128 GB > 96 GB: 131072 x 0.05 = 6553.6 -> 6554 + 8192 = 14746 MB; spec 100 VMs / 300 disks / 200 NICs
        assertThat(host.at("/capacity/memory/reservedMb").asLong()).isEqualTo(14_746);
        assertThat(host.at("/capacity/limits/vms").asInt()).isEqualTo(100);

        List<String> vms = createVms("web", 20, ",\"clusterId\":\"" + cluster + "\"");
        JsonNode hosts = api.get("/hosts?clusterId=" + cluster).body().get("items");
        int placed = 0;
        for (JsonNode h : hosts) {
            int count = h.at("/capacity/used/vms").asInt();
            assertThat(count).as("placement spreads VMs").isBetween(6, 7);
            assertThat(h.at("/capacity/cpu/allocatedMhz").asLong()).as("stopped VMs hold nothing").isZero();
            placed += count;
        }
        assertThat(placed).isEqualTo(20);

        actOnAll(vms, "start");
        long allocatedMhz = 0;
        long allocatedMb = 0;
        for (JsonNode h : api.get("/hosts?clusterId=" + cluster).body().get("items")) {
            int count = h.at("/capacity/used/vms").asInt();
            // each running VM: 2 vCPUs x 2400 MHz, 4096 MB
            assertThat(h.at("/capacity/cpu/allocatedMhz").asLong()).isEqualTo(count * 4800L);
            assertThat(h.at("/capacity/memory/allocatedMb").asLong()).isEqualTo(count * 4096L);
            assertThat(h.at("/capacity/memory/freeMb").asLong())
                    .isEqualTo(h.at("/capacity/memory/usableMb").asLong() - count * 4096L);
            allocatedMhz += h.at("/capacity/cpu/allocatedMhz").asLong();
            allocatedMb += h.at("/capacity/memory/allocatedMb").asLong();
        }
        assertThat(allocatedMhz).isEqualTo(20 * 4800L);
        JsonNode clusterView = api.get("/clusters/" + cluster).body();
        assertThat(clusterView.at("/capacity/cpu/allocatedMhz").asLong()).isEqualTo(allocatedMhz);
        assertThat(clusterView.at("/capacity/memory/allocatedMb").asLong()).isEqualTo(allocatedMb);
        assertThat(api.get("/vms?state=RUNNING&limit=5").body().get("total").asInt()).isEqualTo(20);

        // an illegal transition is a 409 with a stable code, and changes nothing
        var again = api.post("/vms/" + vms.getFirst() + "/start", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("VM_INVALID_STATE");
        assertThat(api.delete("/vms/" + vms.getFirst()).code()).isEqualTo("VM_INVALID_STATE");

        actOnAll(vms.subList(0, 10), "shutdown");
        actOnAll(vms.subList(10, 20), "stop");
        for (JsonNode h : api.get("/hosts?clusterId=" + cluster).body().get("items")) {
            assertThat(h.at("/capacity/cpu/allocatedMhz").asLong()).isZero();
            assertThat(h.at("/capacity/memory/allocatedMb").asLong()).isZero();
        }
        actOnAll(vms, "delete");
        assertThat(api.get("/vms").body().get("total").asInt()).isZero();
        for (JsonNode h : api.get("/hosts?clusterId=" + cluster).body().get("items")) {
            assertThat(h.at("/capacity/used/vms").asInt()).isZero();
        }
        assertThat(api.get("/datastores?name=ds1").body().at("/items/0/provisionedMb").asLong()).isZero();
    }

    @Test
    void suspendResumeRebootAndTheStateMachine() {
        manager.clusterWithHosts("c2", 1, 8, 2000, 32768, 0);
        String vm = createVms("db", 1, "").getFirst();
        actOnAll(List.of(vm), "start");
        actOnAll(List.of(vm), "suspend");
        assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("SUSPENDED");
        assertThat(api.post("/vms/" + vm + "/reboot", "").code()).isEqualTo("VM_INVALID_STATE");
        actOnAll(List.of(vm), "resume");
        actOnAll(List.of(vm), "reboot");
        assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("RUNNING");
        var unknown = api.post("/vms/" + vm + "/explode", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field()).isEqualTo("action");
    }

    @Test
    void aFullClusterSaysWhyAndAVmLargerThanAnyHostIsRefused() {
        manager.clusterWithHosts("small", 2, 4, 2000, 16384, 0);
        // 16 GB hosts: 8192 MB management reserve leaves 8192 MB usable each
        var tooLarge = api.post("/vms", "{\"name\":\"huge\",\"vcpus\":2,\"memoryMb\":12000}");
        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.code()).isEqualTo("VM_TOO_LARGE");
        assertThat(tooLarge.field()).isEqualTo("memoryMb");
        assertThat(tooLarge.body().get("reasons")).hasSize(2);

        var wide = api.post("/vms", "{\"name\":\"wide\",\"vcpus\":8,\"memoryMb\":1024}");
        assertThat(wide.code()).isEqualTo("VM_TOO_LARGE");
        assertThat(wide.field()).isEqualTo("vcpus");

        // 5 VMs of 4096 MB spread 3 + 2; starting 4 fills both hosts (2 x 4096 each), the 5th cannot power on
        List<String> vms = createVms("fill", 5, "");
        actOnAll(vms.subList(0, 4), "start");
        String extra = vms.get(4);
        var start = api.post("/vms/" + extra + "/start", "");
        assertThat(start.status()).isEqualTo(409);
        assertThat(start.code()).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(start.raw()).contains("memory").contains("4096 MB");
        assertThat(api.get("/vms/" + extra).body().get("state").asText()).isEqualTo("STOPPED");
        assertThat(api.get("/tasks?targetId=" + extra + "&type=vm.start").body().get("total").asInt()).isZero();

        // a new VM must fit a host now: all are full, so creation names each host's shortfall and creates nothing
        var full = api.post("/vms", "{\"name\":\"late\",\"vcpus\":1,\"memoryMb\":4096}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.code()).isEqualTo("NO_HOST_AVAILABLE");
        assertThat(full.body().get("reasons")).hasSize(2);
        assertThat(api.get("/vms?name=late").body().get("total").asInt()).isZero();
    }

    @Test
    void unfinishedTasksResumeAfterARestartAndNothingIsLostOrDuplicated() {
        manager.clusterWithHosts("slow", 2, 16, 2400, 65536, 300);
        List<String> vms = createVms("app", 6, "");
        var starts = vms.stream().map(id -> api.post("/vms/" + id + "/start", "").body().get("id").asText()).toList();
        manager.restart(); // the start tasks are mid-step on their simulated hosts
        for (String t : starts) {
            JsonNode done = api.awaitTask(t, Duration.ofSeconds(60));
            assertThat(done.get("state").asText()).as(done.toString()).isIn("SUCCEEDED", "FAILED");
        }
        assertThat(api.get("/tasks?state=RUNNING").body().get("total").asInt()).isZero();
        assertThat(api.get("/tasks?state=QUEUED").body().get("total").asInt()).isZero();
        assertThat(api.get("/vms").body().get("total").asInt()).isEqualTo(6);
        for (String id : vms) {
            String state = api.get("/vms/" + id).body().get("state").asText();
            assertThat(state).isIn("RUNNING", "STOPPED");
        }
    }
}
