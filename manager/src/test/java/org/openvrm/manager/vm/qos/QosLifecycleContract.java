package org.openvrm.manager.vm.qos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/**
 * Live QoS changes end to end over HTTP on simulated hosts, on each store: what the host enforces is read back
 * through the agent ({@code GET /vms/{id}/qos}, the simulator's recorded tuning) and held against the API's values.
 */
abstract class QosLifecycleContract {

    private TestManager manager;
    private Api api;
    private String cluster;
    private String pg;

    abstract TestStores.Kind store();

    @BeforeEach
    void start() {
        manager = TestManager.start(store());
        api = manager.api();
        api.create("/datastores", "{\"name\":\"ds1\",\"type\":\"dir\",\"path\":\"/srv/ds1\",\"capacityMb\":1000000}");
        pg = api.create("/portgroups", "{\"name\":\"pg1\",\"qos\":{\"inbound\":{\"averageMbps\":100}}}");
        // 4 logical CPUs at 2400 MHz keep 2 for management (seed S4): 4800 MHz usable. 16384 MB keeps 8192.
        cluster = manager.clusterWithHosts("c", 1, 4, 2400, 16384, 0);
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    private String createVm(String name, String extra) {
        return api.create("/vms", """
                {"name":"%s","vcpus":2,"memoryMb":1024,"disks":[{"sizeMb":1000}],"nics":[{}]%s}
                """.formatted(name, extra));
    }

    private void act(String vm, String action) {
        JsonNode t = api.change("/vms/" + vm + "/" + action, "");
        assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("SUCCEEDED");
    }

    private JsonNode putQos(String vm, String body) {
        JsonNode t = api.changeByPut("/vms/" + vm + "/qos", body);
        assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("SUCCEEDED");
        assertThat(t.get("type").asText()).isEqualTo("vm.qos.update");
        return t;
    }

    private JsonNode qos(String vm) {
        Api.Response r = api.get("/vms/" + vm + "/qos");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    @Test
    void everyPartChangesLiveAndTheHostEnforcesTheApiValues() {
        String vm = createVm("live-1", "");
        act(vm, "start");

        putQos(vm, """
                {"cpuQos":{"sharesLevel":"HIGH","reservationMhz":500,"limitMhz":1200},
                 "memoryQos":{"reservationMb":256,"limitMb":768},
                 "disks":[{"diskId":"%1$s-disk0","ioLimits":{"writeKBps":2048,"readIops":100}}],
                 "nics":[{"nicId":"%1$s-nic0","qos":{"outbound":{"averageMbps":8,"peakMbps":16,"burstKb":64}}}]}
                """.formatted(vm));

        JsonNode q = qos(vm);
        assertThat(q.get("state").asText()).as("changed live, no restart").isEqualTo("RUNNING");
        assertThat(q.get("enforcedNote").isNull()).isTrue();
        JsonNode c = q.get("configured");
        JsonNode e = q.get("enforced");
        assertThat(c.at("/cpuQos/shares").asLong()).isEqualTo(4000); // HIGH = 2000 per vCPU x 2
        assertThat(e.at("/cpuQos/shares").asLong()).isEqualTo(4000);
        // 1200 MHz over 2 vCPUs of a 2400 MHz host is a 25000 µs quota per 100000 µs, read back as 1200 MHz
        assertThat(e.at("/cpuQos/limitMhz").asLong()).isEqualTo(1200).isEqualTo(c.at("/cpuQos/limitMhz").asLong());
        assertThat(e.at("/memoryQos/limitMb").asLong()).isEqualTo(768);
        assertThat(e.at("/memoryQos/reservationMb").asLong()).isEqualTo(256);
        assertThat(e.at("/disks/0/ioLimits")).isEqualTo(c.at("/disks/0/ioLimits"));
        assertThat(e.at("/disks/0/ioLimits/writeKBps").asLong()).isEqualTo(2048);
        assertThat(e.at("/disks/0/ioLimits/readIops").asLong()).isEqualTo(100);
        assertThat(e.at("/nics/0/qos")).isEqualTo(c.at("/nics/0/qos"));
        assertThat(e.at("/nics/0/qos/outbound/peakMbps").asLong()).isEqualTo(16);

        JsonNode view = api.get("/vms/" + vm).body();
        assertThat(view.get("generation").asLong()).as("tuned in place, not redefined").isEqualTo(1);
        assertThat(view.at("/cpuQos/reservationMhz").asLong()).isEqualTo(500);
        JsonNode host = api.get("/hosts/" + view.get("hostId").asText()).body();
        assertThat(host.at("/capacity/cpu/vmReservedMhz").asLong()).isEqualTo(500);
        assertThat(host.at("/capacity/cpu/reservableMhz").asLong()).isEqualTo(4300);
        assertThat(host.at("/capacity/memory/vmReservedMb").asLong()).isEqualTo(256);

        // a part left out stays; a part given replaces the whole part, so its limit goes
        putQos(vm, "{\"cpuQos\":{\"sharesLevel\":\"LOW\"}}");
        JsonNode after = qos(vm);
        assertThat(after.at("/enforced/cpuQos/shares").asLong()).isEqualTo(1000);
        assertThat(after.at("/enforced/cpuQos/limitMhz").isNull()).as("limit removed").isTrue();
        assertThat(after.at("/configured/cpuQos/reservationMhz").asLong()).isZero();
        assertThat(after.at("/enforced/memoryQos/limitMb").asLong()).as("memory kept").isEqualTo(768);
        assertThat(after.at("/enforced/disks/0/ioLimits/writeKBps").asLong()).as("disk kept").isEqualTo(2048);
        assertThat(api.get("/hosts/" + view.get("hostId").asText()).body().at("/capacity/cpu/vmReservedMhz")
                .asLong()).as("a lowered reservation is given back").isZero();

        // a NIC given without qos follows its port group again
        putQos(vm, "{\"nics\":[{\"nicId\":\"" + vm + "-nic0\"}]}");
        assertThat(qos(vm).at("/enforced/nics/0/qos/inbound/averageMbps").asLong()).isEqualTo(100);
        assertThat(qos(vm).at("/enforced/nics/0/qos/outbound").isNull()).isTrue();
    }

    @Test
    void stoppedAndSuspendedVmsChangeToo() {
        String vm = createVm("off-1", "");
        putQos(vm, "{\"disks\":[{\"diskId\":\"" + vm + "-disk0\",\"ioLimits\":{\"totalIops\":300}}]}");
        assertThat(qos(vm).at("/enforced/disks/0/ioLimits/totalIops").asLong()).isEqualTo(300);
        // the host's definition equals the manager's: the VM starts as it is, with its limit
        act(vm, "start");
        assertThat(qos(vm).at("/enforced/disks/0/ioLimits/totalIops").asLong()).isEqualTo(300);
        act(vm, "suspend");
        putQos(vm, "{\"memoryQos\":{\"sharesLevel\":\"HIGH\",\"limitMb\":512}}");
        JsonNode q = qos(vm);
        assertThat(q.get("state").asText()).isEqualTo("SUSPENDED");
        assertThat(q.at("/enforced/memoryQos/limitMb").asLong()).isEqualTo(512);
        assertThat(q.at("/configured/memoryQos/shares").asLong()).isEqualTo(20 * 1024); // HIGH = 20 per MB

        act(vm, "resume");
        act(vm, "hibernate");
        Api.Response refused = api.put("/vms/" + vm + "/qos", "{\"cpuQos\":{\"limitMhz\":1000}}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("VM_INVALID_STATE");
        assertThat(qos(vm).at("/configured/cpuQos/limitMhz").isNull()).as("nothing changed").isTrue();
    }

    @Test
    void aPortGroupChangeReachesEveryNicFollowingItAndNotTheOverridingOnes() {
        String running = createVm("pg-run", "");
        String overriding = api.create("/vms", """
                {"name":"pg-own","vcpus":2,"memoryMb":1024,"nics":[{"qos":{"inbound":{"averageMbps":5}}}]}""");
        String stopped = createVm("pg-off", "");
        String hibernated = createVm("pg-hib", "");
        act(running, "start");
        act(overriding, "start");
        act(hibernated, "start");
        act(hibernated, "hibernate");

        JsonNode t = api.changeByPut("/portgroups/" + pg + "/qos",
                "{\"qos\":{\"inbound\":{\"averageMbps\":40},\"outbound\":{\"averageMbps\":16,\"peakMbps\":32,"
                        + "\"burstKb\":256}}}");
        assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("SUCCEEDED");
        assertThat(t.get("type").asText()).isEqualTo("portgroup.qos.update");
        assertThat(t.at("/result/vms").asInt()).isEqualTo(4);
        assertThat(t.at("/result/tuned").asInt()).isEqualTo(3);
        assertThat(t.at("/result/notReached/0/vmId").asText()).as(t.toString()).isEqualTo(hibernated);
        assertThat(t.at("/result/notReached/0/reason").asText()).contains("hibernated");
        assertThat(api.get("/portgroups/" + pg).body().at("/qos/outbound/peakMbps").asLong()).isEqualTo(32);

        for (String vm : new String[] {running, stopped}) {
            JsonNode nic = qos(vm).at("/enforced/nics/0/qos");
            assertThat(nic.at("/inbound/averageMbps").asLong()).as(vm).isEqualTo(40);
            assertThat(nic.at("/outbound/averageMbps").asLong()).as(vm).isEqualTo(16);
            assertThat(nic.at("/outbound/peakMbps").asLong()).as(vm).isEqualTo(32);
            assertThat(nic.at("/outbound/burstKb").asLong()).as(vm).isEqualTo(256);
        }
        JsonNode own = qos(overriding).at("/enforced/nics/0/qos");
        assertThat(own.at("/inbound/averageMbps").asLong()).as("its own override stays").isEqualTo(5);
        assertThat(own.at("/outbound").isNull()).isTrue();
        assertThat(api.get("/events?taskId=" + t.get("id").asText() + "&severity=WARNING").body().toString())
                .contains(hibernated);

        // the hibernated VM converges on its next start
        assertThat(qos(hibernated).at("/enforced/nics/0/qos/inbound/averageMbps").asLong()).isEqualTo(100);
        act(hibernated, "start");
        assertThat(qos(hibernated).at("/enforced/nics/0/qos/inbound/averageMbps").asLong()).isEqualTo(40);
    }

    @Test
    void aRaisedReservationMustFitWhatTheHostHasLeftAndARefusalNamesTheShortfall() {
        String big = createVm("res-big", ",\"cpuQos\":{\"reservationMhz\":4000}");
        String small = createVm("res-small", "");
        act(big, "start");
        act(small, "start");
        String hostName = api.get("/hosts/" + api.get("/vms/" + small).body().get("hostId").asText()).body()
                .get("name").asText();

        // 4800 MHz usable, 4000 reserved by the other VM: 800 left, 2000 asked, 1200 short
        Api.Response refused = api.put("/vms/" + small + "/qos", "{\"cpuQos\":{\"reservationMhz\":2000}}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(refused.field()).isEqualTo("cpuQos.reservationMhz");
        assertThat(refused.body().get("detail").asText()).contains("host " + hostName
                + ": CPU reservation: needs 2000 MHz, 800 MHz left to reserve of 4800 MHz usable: 1200 MHz short");
        assertThat(qos(small).at("/configured/cpuQos/reservationMhz").asLong()).as("nothing changed").isZero();
        assertThat(api.get("/tasks?type=vm.qos.update").body().get("total").asInt()).isZero();

        // a memory reservation (at most the VM's size) fits the 8192 MB usable
        Api.Response memory = api.put("/vms/" + small + "/qos",
                "{\"memoryQos\":{\"reservationMb\":1024}}");
        assertThat(memory.status()).as("1024 MB fits").isEqualTo(202);
        api.awaitTask(memory.body().get("id").asText(), Duration.ofSeconds(60));

        putQos(big, "{\"cpuQos\":{\"reservationMhz\":1000}}"); // lowering needs no admission
        putQos(small, "{\"cpuQos\":{\"reservationMhz\":2000}}"); // 1000 + 2000 <= 4800 now
        assertThat(api.get("/hosts?name=" + hostName).body().at("/items/0/capacity/cpu/reservableMhz").asLong())
                .isEqualTo(1800);

        // a stopped VM holds nothing: its raise is recorded, and its start is refused naming the shortfall
        act(big, "stop");
        putQos(big, "{\"cpuQos\":{\"reservationMhz\":3000}}");
        Api.Response start = api.post("/vms/" + big + "/start", "");
        assertThat(start.status()).as(start.raw()).isEqualTo(409);
        assertThat(start.body().get("detail").asText()).contains(hostName
                + ": CPU reservation: needs 3000 MHz, 2800 MHz left to reserve of 4800 MHz usable: 200 MHz short");
    }

    @Test
    void aVmWhoseHostIsDownIsNamedInThePortGroupTask() throws java.io.IOException {
        String vm = createVm("down-1", "");
        String hostId = api.get("/vms/" + vm).body().get("hostId").asText();
        // the host's agent cannot start again: its state directory is now a file
        manager.restart(() -> {
            try {
                Path dir = manager.dataDir().resolve("sim-hosts").resolve(hostId);
                try (var files = Files.walk(dir)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
                Files.writeString(dir, "not a directory");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        api = manager.api();
        assertThat(api.get("/hosts/" + hostId).body().get("state").asText()).isEqualTo("FAILED");

        Api.Response refused = api.put("/vms/" + vm + "/qos", "{\"cpuQos\":{\"limitMhz\":1000}}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("HOST_UNAVAILABLE");

        JsonNode t = api.changeByPut("/portgroups/" + pg + "/qos", "{\"qos\":{\"inbound\":{\"averageMbps\":20}}}");
        assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("SUCCEEDED");
        assertThat(t.at("/result/tuned").asInt()).isZero();
        assertThat(t.at("/result/notReached/0/vmId").asText()).isEqualTo(vm);
        assertThat(t.at("/result/notReached/0/reason").asText()).isEqualTo("its host is not connected");
        JsonNode q = qos(vm);
        assertThat(q.get("enforced").isNull()).isTrue();
        assertThat(q.get("enforcedNote").asText()).contains("FAILED");
    }

    @Test
    void aHostThatReconnectsGetsTheQosItMissed() {
        String vm = createVm("away-1", "");
        act(vm, "start");
        // a port group change the host never heard of: written to the store while the manager was down
        manager.restart(() -> {
            try (var db = new org.openvrm.manager.store.Database(manager.store())) {
                db.txVoid(h -> h.createUpdate("UPDATE port_groups SET qos = :qos WHERE id = :id")
                        .bind("qos", "{\"inbound\":{\"averageMbps\":30},\"outbound\":null}").bind("id", pg)
                        .execute());
            }
        });
        api = manager.api();
        JsonNode q = qos(vm);
        assertThat(q.at("/configured/nics/0/qos/inbound/averageMbps").asLong()).isEqualTo(30);
        assertThat(q.at("/enforced/nics/0/qos/inbound/averageMbps").asLong()).as("tuned when its host reconnected")
                .isEqualTo(30);
        assertThat(q.get("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void aRaisedMemoryReservationIsNeverOvercommitted() {
        // with memory reuse (seed S9) VMs may be given 1.3 x the 8192 MB usable, but reservations only 1.0 x
        String reuse = api.create("/clusters", "{\"name\":\"reuse\",\"memoryOvercommit\":true}");
        String host = api.create("/hosts", """
                {"name":"reuse-h1","clusterId":"%s","driver":"sim",
                 "sim":{"coresPerSocket":4,"threadsPerCore":1,"mhz":2400,"memoryMb":16384,"stepDelayMillis":0}}
                """.formatted(reuse));
        String big = api.create("/vms", """
                {"name":"mem-big","vcpus":1,"memoryMb":6144,"hostId":"%s","memoryQos":{"reservationMb":6144}}
                """.formatted(host));
        String other = api.create("/vms", """
                {"name":"mem-other","vcpus":1,"memoryMb":4096,"hostId":"%s"}""".formatted(host));
        act(big, "start");
        act(other, "start"); // 6144 + 4096 = 10240 MB <= 8192 x 1.3 = 10649

        Api.Response refused = api.put("/vms/" + other + "/qos", "{\"memoryQos\":{\"reservationMb\":4096}}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(refused.field()).isEqualTo("memoryQos.reservationMb");
        assertThat(refused.body().get("detail").asText()).contains("host reuse-h1: memory reservation: needs 4096 "
                + "MB, 2048 MB left to reserve of 8192 MB usable: 2048 MB short");
        putQos(other, "{\"memoryQos\":{\"reservationMb\":2048}}"); // exactly what is left
        assertThat(api.get("/hosts/" + host).body().at("/capacity/memory/reservableMb").asLong()).isZero();
    }

    @Test
    void aStartWhileARaiseRunsIsAdmittedWithTheRaise() {
        // a host whose every step takes 1 s, so the start comes while the tune is under way
        String slow = api.create("/hosts", """
                {"name":"slow","clusterId":"%s","driver":"sim",
                 "sim":{"coresPerSocket":4,"threadsPerCore":1,"mhz":2400,"memoryMb":16384,"stepDelayMillis":1000}}
                """.formatted(cluster));
        String big = createVm("busy-big", ",\"hostId\":\"" + slow + "\",\"cpuQos\":{\"reservationMhz\":4000}");
        String off = createVm("busy-off", ",\"hostId\":\"" + slow + "\"");
        act(big, "start");

        Api.Response raise = api.put("/vms/" + off + "/qos", "{\"cpuQos\":{\"reservationMhz\":2000}}");
        assertThat(raise.status()).as("a stopped VM's raise needs no admission").isEqualTo(202);
        Api.Response start = api.post("/vms/" + off + "/start", "");
        assertThat(start.status()).as(start.raw()).isEqualTo(409);
        assertThat(start.body().get("detail").asText())
                .contains("CPU reservation: needs 2000 MHz, 800 MHz left to reserve of 4800 MHz usable: 1200 MHz short");
        assertThat(api.awaitTask(raise.body().get("id").asText(), Duration.ofSeconds(60)).get("state").asText())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aChangeCutShortByARestartResumesAndIsAppliedOnce() {
        // a host whose every step takes 3 s: slow enough to restart while the tune is under way
        String slow = api.create("/hosts", """
                {"name":"slow","clusterId":"%s","driver":"sim",
                 "sim":{"coresPerSocket":4,"threadsPerCore":1,"mhz":2400,"memoryMb":16384,"stepDelayMillis":3000}}
                """.formatted(cluster));
        String vm = createVm("slow-1", ",\"hostId\":\"" + slow + "\"");

        Api.Response accepted = api.put("/vms/" + vm + "/qos", "{\"cpuQos\":{\"limitMhz\":2400}}");
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        Api.Response twice = api.put("/vms/" + vm + "/qos", "{\"cpuQos\":{\"limitMhz\":1200}}");
        assertThat(twice.code()).as(twice.raw()).isEqualTo("QOS_UPDATE_IN_PROGRESS");

        manager.restart(); // graceful: the step under way records nothing and the task resumes from its start
        api = manager.api();
        String taskId = accepted.body().get("id").asText();
        JsonNode done = api.awaitTask(taskId, Duration.ofSeconds(60));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempts").asInt()).as("resumed after the restart").isEqualTo(2);
        JsonNode q = qos(vm);
        assertThat(q.at("/configured/cpuQos/limitMhz").asLong()).isEqualTo(2400);
        assertThat(q.at("/enforced/cpuQos/limitMhz").asLong()).isEqualTo(2400);
        assertThat(api.get("/events?taskId=" + taskId).body().get("total").asInt()).as("recorded once").isEqualTo(1);
        assertThat(api.get("/vms/" + vm).body().get("generation").asLong()).isEqualTo(1);
    }
}
