package org.openvrm.manager.vm.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/**
 * Snapshots through the manager end to end, over real HTTP on simulated hosts, on each store: take, list, revert
 * (with the power-on admission control), delete, a restart in the middle of a snapshot task, and nothing left
 * behind when the VM goes.
 */
abstract class SnapshotLifecycleContract {

    private TestManager manager;
    private Api api;

    abstract TestStores.Kind store();

    @BeforeEach
    void start() {
        manager = TestManager.start(store());
        api = manager.api();
        api.create("/datastores", "{\"name\":\"ds1\",\"type\":\"dir\",\"path\":\"/srv/ds1\",\"capacityMb\":1000000}");
        api.create("/portgroups", "{\"name\":\"pg1\"}");
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
    }

    private String vm(String name) {
        return api.create("/vms", "{\"name\":\"" + name + "\",\"vcpus\":2,\"memoryMb\":4096,"
                + "\"disks\":[{\"sizeMb\":10240}],\"nics\":[{}]}");
    }

    private JsonNode succeeded(JsonNode task) {
        assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("SUCCEEDED");
        return task;
    }

    private String state(String vm) {
        return api.get("/vms/" + vm).body().get("state").asText();
    }

    private long allocatedMb(String hostName) {
        return api.get("/hosts?name=" + hostName).body().at("/items/0/capacity/memory/allocatedMb").asLong();
    }

    private int snapshotRows(String vmId) {
        try (var c = DriverManager.getConnection(manager.store().jdbcUrl(), manager.store().user(),
                manager.store().password());
             var s = c.prepareStatement("SELECT COUNT(*) FROM vm_snapshots WHERE vm_id = ?")) {
            s.setString(1, vmId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL on the store of a stopped manager: how a test rewinds a commit that a crash would have lost. */
    private void sql(String... statements) {
        try (var c = DriverManager.getConnection(manager.store().jdbcUrl(), manager.store().user(),
                manager.store().password()); var s = c.createStatement()) {
            for (String statement : statements) {
                assertThat(s.executeUpdate(statement)).as(statement).isEqualTo(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void takeListRevertDeleteAndNothingLeftWhenTheVmGoes() {
        manager.clusterWithHosts("c", 1, 8, 2000, 32768, 0);
        String vm = vm("app");
        succeeded(api.change("/vms/" + vm + "/start", ""));

        var taken = api.post("/vms/" + vm + "/snapshots", "{\"name\":\"before upgrade\",\"description\":\"v1\"}");
        assertThat(taken.status()).as(taken.raw()).isEqualTo(202);
        String taskId = taken.body().get("id").asText();
        assertThat(taken.body().get("type").asText()).isEqualTo("snapshot.create");
        assertThat(taken.body().get("targetType").asText()).isEqualTo("snapshot");
        String snap = taken.body().get("targetId").asText();
        JsonNode done = succeeded(api.awaitTask(taskId, Duration.ofSeconds(60)));
        assertThat(done.at("/result/vmId").asText()).isEqualTo(vm);
        assertThat(done.at("/result/snapshotId").asText()).isEqualTo(snap);
        assertThat(state(vm)).as("taking a snapshot leaves the VM as it was").isEqualTo("RUNNING");

        JsonNode list = api.get("/vms/" + vm + "/snapshots").body();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        JsonNode s = list.at("/items/0");
        assertThat(s.get("id").asText()).isEqualTo(snap);
        assertThat(s.get("vmId").asText()).isEqualTo(vm);
        assertThat(s.get("name").asText()).isEqualTo("before upgrade");
        assertThat(s.get("description").asText()).isEqualTo("v1");
        assertThat(s.get("state").asText()).isEqualTo("READY");
        assertThat(s.get("vmState").asText()).isEqualTo("RUNNING");
        assertThat(s.get("taskId").asText()).isEqualTo(taskId);
        assertThat(api.get("/vms/" + vm + "/snapshots/" + snap).body()).isEqualTo(s);
        assertThat(api.get("/vms/" + vm + "/snapshots?state=CREATING").body().get("total").asInt()).isZero();

        var again = api.post("/vms/" + vm + "/snapshots", "{\"name\":\"before upgrade\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("SNAPSHOT_NAME_TAKEN");

        // stopped, the VM holds nothing; going back to the running snapshot powers it on and claims its memory
        succeeded(api.change("/vms/" + vm + "/stop", ""));
        assertThat(allocatedMb("c-h1")).isZero();
        succeeded(api.change("/vms/" + vm + "/snapshots/" + snap + "/revert", ""));
        assertThat(state(vm)).isEqualTo("RUNNING");
        assertThat(allocatedMb("c-h1")).isEqualTo(4096);

        // a snapshot of the stopped VM: going back to it from RUNNING frees the memory again
        succeeded(api.change("/vms/" + vm + "/stop", ""));
        String cold = succeeded(api.change("/vms/" + vm + "/snapshots", "{\"name\":\"cold\"}"))
                .get("targetId").asText();
        assertThat(api.get("/vms/" + vm + "/snapshots/" + cold).body().get("vmState").asText()).isEqualTo("STOPPED");
        succeeded(api.change("/vms/" + vm + "/snapshots/" + snap + "/revert", ""));
        assertThat(allocatedMb("c-h1")).isEqualTo(4096);
        succeeded(api.change("/vms/" + vm + "/snapshots/" + cold + "/revert", ""));
        assertThat(state(vm)).isEqualTo("STOPPED");
        assertThat(allocatedMb("c-h1")).isZero();

        JsonNode deleted = api.delete("/vms/" + vm + "/snapshots/" + snap).body();
        assertThat(deleted.get("type").asText()).isEqualTo("snapshot.delete");
        succeeded(api.awaitTask(deleted.get("id").asText(), Duration.ofSeconds(60)));
        assertThat(api.get("/vms/" + vm + "/snapshots/" + snap).status()).isEqualTo(404);
        assertThat(api.get("/vms/" + vm + "/snapshots").body().at("/items/0/id").asText()).isEqualTo(cold);
        assertThat(api.get("/events?type=snapshot.*&targetId=" + vm).body().get("total").asInt())
                .as("one event per snapshot task").isEqualTo(6);

        assertThat(snapshotRows(vm)).isEqualTo(1);
        succeeded(api.awaitTask(api.delete("/vms/" + vm).body().get("id").asText(), Duration.ofSeconds(60)));
        assertThat(snapshotRows(vm)).as("the VM's snapshot records went with it").isZero();
        assertThat(api.get("/vms/" + vm + "/snapshots").code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void revertingToARunningSnapshotIsAdmittedLikeAPowerOn() {
        // 16 GB host: 8192 MB usable, two 4096 MB VMs fill it
        manager.clusterWithHosts("small", 1, 8, 2000, 16384, 0);
        String a = vm("a");
        succeeded(api.change("/vms/" + a + "/start", ""));
        String snap = succeeded(api.change("/vms/" + a + "/snapshots", "{\"name\":\"hot\"}")).get("targetId").asText();
        succeeded(api.change("/vms/" + a + "/stop", ""));
        for (String other : new String[] {vm("b"), vm("c")}) {
            succeeded(api.change("/vms/" + other + "/start", ""));
        }

        var revert = api.post("/vms/" + a + "/snapshots/" + snap + "/revert", "");
        assertThat(revert.status()).as(revert.raw()).isEqualTo(409);
        assertThat(revert.code()).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(revert.raw()).contains("4096 MB");
        assertThat(state(a)).isEqualTo("STOPPED");
        assertThat(api.get("/tasks?type=snapshot.revert").body().get("total").asInt()).isZero();

        // a VM that holds its capacity already goes back without asking: RUNNING b to a running snapshot
        String bId = api.get("/vms?name=b").body().at("/items/0/id").asText();
        String bSnap = succeeded(api.change("/vms/" + bId + "/snapshots", "{\"name\":\"hot\"}"))
                .get("targetId").asText();
        succeeded(api.change("/vms/" + bId + "/snapshots/" + bSnap + "/revert", ""));
        assertThat(state(bId)).isEqualTo("RUNNING");
    }

    @Test
    void aSnapshotTaskCutShortByARestartResumesAndTakesOneSnapshot() {
        manager.clusterWithHosts("slow", 1, 8, 2000, 32768, 400);
        String vm = vm("db");
        succeeded(api.change("/vms/" + vm + "/start", ""));
        var r = api.post("/vms/" + vm + "/snapshots", "{\"name\":\"nightly\"}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(state(vm)).isEqualTo("SNAPSHOTTING");
        // another action on the VM waits for the snapshot
        assertThat(api.post("/vms/" + vm + "/stop", "").code()).isEqualTo("VM_INVALID_STATE");

        manager.restart(); // the snapshot step is under way on the simulated host
        JsonNode done = succeeded(api.awaitTask(r.body().get("id").asText(), Duration.ofSeconds(60)));
        assertThat(done.get("attempts").asInt()).as("it ran again after the restart").isEqualTo(2);
        assertThat(state(vm)).isEqualTo("RUNNING");
        JsonNode list = api.get("/vms/" + vm + "/snapshots").body();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(list.at("/items/0/state").asText()).isEqualTo("READY");
        assertThat(list.at("/items/0/vmState").asText()).isEqualTo("RUNNING");
    }

    @Test
    void aCrashBetweenTheHostStepAndItsCommitIsRepairedWhenTheTaskResumes() {
        manager.clusterWithHosts("c", 1, 8, 2000, 32768, 0);
        String vm = vm("app");
        succeeded(api.change("/vms/" + vm + "/start", ""));
        JsonNode take = succeeded(api.change("/vms/" + vm + "/snapshots", "{\"name\":\"s1\"}"));
        String snap = take.get("targetId").asText();
        // as if the manager died after the host took the snapshot but before the commit that records it
        manager.restart(() -> sql(
                "UPDATE vm_snapshots SET state = 'CREATING', vm_state = NULL WHERE id = '" + snap + "'",
                "UPDATE vms SET state = 'SNAPSHOTTING' WHERE id = '" + vm + "'",
                "UPDATE tasks SET state = 'RUNNING', progress = 50, finished_ms = NULL WHERE id = '"
                        + take.get("id").asText() + "'"));
        JsonNode resumed = succeeded(api.awaitTask(take.get("id").asText(), Duration.ofSeconds(60)));
        assertThat(resumed.get("attempts").asInt()).isEqualTo(2);
        assertThat(state(vm)).isEqualTo("RUNNING");
        JsonNode s = api.get("/vms/" + vm + "/snapshots/" + snap).body();
        assertThat(s.get("state").asText()).as("the snapshot the host has is kept, not taken twice").isEqualTo("READY");
        assertThat(s.get("vmState").asText()).isEqualTo("RUNNING");

        // the same for a deletion: the host deleted it, the commit was lost; the resumed task finds it gone already
        JsonNode delete = api.delete("/vms/" + vm + "/snapshots/" + snap).body();
        succeeded(api.awaitTask(delete.get("id").asText(), Duration.ofSeconds(60)));
        manager.restart(() -> sql(
                "INSERT INTO vm_snapshots (id, vm_id, name, state, vm_state, task_id, created_ms) VALUES ('" + snap
                        + "', '" + vm + "', 's1', 'DELETING', 'RUNNING', '" + take.get("id").asText() + "', 0)",
                "UPDATE vms SET state = 'SNAPSHOTTING' WHERE id = '" + vm + "'",
                "UPDATE tasks SET state = 'RUNNING', progress = 50, finished_ms = NULL WHERE id = '"
                        + delete.get("id").asText() + "'"));
        succeeded(api.awaitTask(delete.get("id").asText(), Duration.ofSeconds(60)));
        assertThat(api.get("/vms/" + vm + "/snapshots").body().get("total").asInt()).isZero();
        assertThat(state(vm)).isEqualTo("RUNNING");
    }
}
