package org.openvrm.manager.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/**
 * Guest facts in the VM view, the console endpoints and growing a disk, end to end over HTTP on simulated hosts
 * (whose guest agent answers while the VM runs, with 10.x.y.z/8 from the NIC's MAC), on each store.
 */
abstract class GuestConsoleDiskContract {

    private static final String MAC = "52:54:00:0a:0b:0c";

    private TestManager manager;
    private Api api;
    private String cluster;

    abstract TestStores.Kind store();

    @BeforeEach
    void start() {
        manager = TestManager.start(store(), c -> c.withGuestPollMillis(50));
        api = manager.api();
        api.create("/datastores", "{\"name\":\"ds1\",\"type\":\"dir\",\"path\":\"/srv/ds1\",\"capacityMb\":100000}");
        api.create("/portgroups", "{\"name\":\"pg1\"}");
        cluster = manager.clusterWithHosts("c1", 1, 8, 2400, 32768, 0);
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    private String createVm(String name, String extra) {
        return api.create("/vms", """
                {"name":"%s","vcpus":1,"memoryMb":512,"disks":[{"sizeMb":1000}],"nics":[{"mac":"%s"}]%s}
                """.formatted(name, MAC, extra));
    }

    private void act(String vm, String action) {
        JsonNode t = api.change("/vms/" + vm + "/" + action, "");
        assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("SUCCEEDED");
    }

    private JsonNode grow(String vm, long sizeMb) {
        return api.change("/vms/" + vm + "/disks/" + vm + "-disk0/grow", "{\"sizeMb\":" + sizeMb + "}");
    }

    /** Polls the VM's view until {@code condition} holds: guest facts arrive with the agents' next poll. */
    private JsonNode awaitVm(String vm, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            JsonNode v = api.get("/vms/" + vm).body();
            if (condition.test(v)) {
                return v;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("VM view never met the condition: " + v);
            }
            Api.sleep(20);
        }
    }

    private static boolean toolsRunning(JsonNode vm) {
        return vm.at("/guest/toolsStatus").asText().equals("RUNNING");
    }

    @Test
    void aRunningVmShowsWhatItsGuestAgentSaysAndNothingOnceStopped() {
        String vm = createVm("web-1", "");
        assertThat(api.get("/vms/" + vm).body().at("/guest/toolsStatus").asText()).isEqualTo("NOT_RUNNING");

        act(vm, "start");
        JsonNode view = awaitVm(vm, GuestConsoleDiskContract::toolsRunning);
        assertThat(view.at("/guest/hostname").asText()).isEqualTo("web-1");
        // the simulated guest's address comes from the MAC's last three bytes: 0x0a.0x0b.0x0c
        assertThat(view.at("/guest/ipAddresses").toString()).isEqualTo("[\"10.10.11.12\"]");
        assertThat(view.at("/guest/interfaces").toString())
                .isEqualTo("[{\"name\":\"eth0\",\"mac\":\"" + MAC + "\",\"addresses\":[\"10.10.11.12/8\"]}]");
        JsonNode listed = api.get("/vms?name=web-1").body().at("/items/0");
        assertThat(listed.get("guest")).isEqualTo(view.get("guest"));

        act(vm, "stop");
        JsonNode stopped = api.get("/vms/" + vm).body();
        assertThat(stopped.get("guest").toString())
                .isEqualTo("{\"toolsStatus\":\"NOT_RUNNING\",\"hostname\":null,\"ipAddresses\":[],\"interfaces\":[]}");

        // the facts come back after a manager restart with the next poll, not from the store
        act(vm, "start");
        manager.restart();
        api = manager.api();
        assertThat(awaitVm(vm, GuestConsoleDiskContract::toolsRunning).at("/guest/ipAddresses/0").asText())
                .isEqualTo("10.10.11.12");
    }

    @Test
    void consolesShowTheVncEndpointWhileRunningAndTheSerialOutputAlways() {
        String vm = createVm("con-1", "");
        assertThat(api.get("/vms/" + vm + "/console/output").raw()).as("never started: nothing written").isEmpty();
        JsonNode off = api.get("/vms/" + vm + "/console").body();
        assertThat(off.get("vnc").isNull()).as(off.toString()).isTrue();
        assertThat(off.get("state").asText()).isEqualTo("STOPPED");

        act(vm, "start");
        JsonNode on = api.get("/vms/" + vm + "/console").body();
        assertThat(on.at("/vnc/host").asText()).isEqualTo("127.0.0.1");
        assertThat(on.at("/vnc/port").asInt()).isGreaterThanOrEqualTo(5900);
        assertThat(on.get("outputPath").asText()).isEqualTo("/api/v1/vms/" + vm + "/console/output");

        Api.Response full = api.get("/vms/" + vm + "/console/output");
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.raw()).contains("booting con-1").endsWith("sim-guest: ready\n");
        String tail = api.get("/vms/" + vm + "/console/output?maxBytes=6").raw();
        assertThat(tail).isEqualTo("ready\n").isEqualTo(full.raw().substring(full.raw().length() - 6));

        act(vm, "stop");
        assertThat(api.get("/vms/" + vm + "/console").body().get("vnc").isNull()).isTrue();
        assertThat(api.get("/vms/" + vm + "/console/output").raw()).as("kept after the stop").isEqualTo(full.raw());
    }

    @Test
    void aDiskGrowsLiveAndOfflineKeepingTheGenerationAndTheDatastoreCountsIt() {
        String vm = createVm("db-1", "");
        String ds = api.get("/datastores?name=ds1").body().at("/items/0/id").asText();
        act(vm, "start");

        JsonNode live = grow(vm, 2000);
        assertThat(live.get("state").asText()).as(live.toString()).isEqualTo("SUCCEEDED");
        assertThat(live.get("type").asText()).isEqualTo("vm.disk.grow");
        assertThat(live.at("/result/sizeMb").asLong()).isEqualTo(2000);
        JsonNode view = api.get("/vms/" + vm).body();
        assertThat(view.at("/disks/0/sizeMb").asLong()).isEqualTo(2000);
        assertThat(view.get("state").asText()).as("grown live").isEqualTo("RUNNING");
        assertThat(view.get("generation").asLong()).as("grown in place, not redefined").isEqualTo(1);
        assertThat(api.get("/datastores/" + ds).body().get("provisionedMb").asLong()).isEqualTo(2000);
        assertThat(api.get("/events?taskId=" + live.get("id").asText()).body().at("/items/0/message").asText())
                .contains("grown to 2000 MB");

        act(vm, "stop");
        assertThat(grow(vm, 3000).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/vms/" + vm).body().at("/disks/0/sizeMb").asLong()).isEqualTo(3000);
        // the host's definition equals the manager's (same generation, new size): the VM starts as it is
        act(vm, "start");
        Api.Response smaller = api.post("/vms/" + vm + "/disks/" + vm + "-disk0/grow", "{\"sizeMb\":2500}");
        assertThat(smaller.status()).isEqualTo(422);
        assertThat(smaller.code()).isEqualTo("DISK_ONLY_GROWS");
    }

    @Test
    void aGrowCutShortByARestartResumesAndAVmMidActionRefusesOne() {
        // a host whose every step takes 3 s: slow enough to act while a step is under way
        String slow = api.create("/hosts", """
                {"name":"slow","clusterId":"%s","driver":"sim",
                 "sim":{"coresPerSocket":4,"threadsPerCore":1,"mhz":2400,"memoryMb":16384,"stepDelayMillis":3000}}
                """.formatted(cluster));
        String vm = createVm("slow-1", ",\"hostId\":\"" + slow + "\"");

        Api.Response accepted = api.post("/vms/" + vm + "/disks/" + vm + "-disk0/grow", "{\"sizeMb\":4000}");
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        Api.Response twice = api.post("/vms/" + vm + "/disks/" + vm + "-disk0/grow", "{\"sizeMb\":5000}");
        assertThat(twice.code()).as(twice.raw()).isEqualTo("DISK_GROW_IN_PROGRESS");

        manager.restart(); // graceful: the step under way records nothing and the task resumes from its start
        api = manager.api();
        JsonNode done = api.awaitTask(accepted.body().get("id").asText(), Duration.ofSeconds(60));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempts").asInt()).as("resumed after the restart").isEqualTo(2);
        assertThat(api.get("/vms/" + vm).body().at("/disks/0/sizeMb").asLong()).isEqualTo(4000);

        Api.Response start = api.post("/vms/" + vm + "/start", "");
        assertThat(start.status()).isEqualTo(202);
        Api.Response midStart = api.post("/vms/" + vm + "/disks/" + vm + "-disk0/grow", "{\"sizeMb\":6000}");
        assertThat(midStart.status()).as(midStart.raw()).isEqualTo(409);
        assertThat(midStart.code()).isEqualTo("VM_INVALID_STATE");
        assertThat(midStart.field()).isEqualTo("state");
        assertThat(api.awaitTask(start.body().get("id").asText(), Duration.ofSeconds(60)).get("state").asText())
                .isEqualTo("SUCCEEDED");
    }
}
