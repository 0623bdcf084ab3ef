package org.openvrm.manager.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/**
 * Hibernate through the manager on simulated hosts, on each store: a hibernated VM holds no host capacity, starts
 * again (admitted like a power-on) where it was, and may be stopped or deleted; everything else is refused.
 */
abstract class HibernateLifecycleContract {

    private TestManager manager;
    private Api api;

    abstract TestStores.Kind store();

    @BeforeEach
    void start() {
        manager = TestManager.start(store());
        api = manager.api();
        api.create("/datastores", "{\"name\":\"ds1\",\"type\":\"dir\",\"path\":\"/srv/ds1\",\"capacityMb\":1000000}");
        api.create("/portgroups", "{\"name\":\"pg1\"}");
        // 16 GB host: 8192 MB usable, two 4096 MB VMs fill it
        manager.clusterWithHosts("c", 1, 8, 2000, 16384, 0);
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
    }

    private String vm(String name) {
        return api.create("/vms", "{\"name\":\"" + name + "\",\"vcpus\":2,\"memoryMb\":4096,\"nics\":[{}]}");
    }

    private void succeeds(String path) {
        JsonNode t = api.change(path, "");
        assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("SUCCEEDED");
    }

    private String state(String vm) {
        return api.get("/vms/" + vm).body().get("state").asText();
    }

    private JsonNode memory() {
        return api.get("/hosts?name=c-h1").body().at("/items/0/capacity/memory");
    }

    @Test
    void aHibernatedVmHoldsNoMemoryAndStartsAgainWhereItWas() {
        String a = vm("a");
        succeeds("/vms/" + a + "/start");
        assertThat(memory().get("allocatedMb").asLong()).isEqualTo(4096);

        var hibernate = api.post("/vms/" + a + "/hibernate", "");
        assertThat(hibernate.status()).as(hibernate.raw()).isEqualTo(202);
        assertThat(hibernate.body().get("type").asText()).isEqualTo("vm.hibernate");
        JsonNode done = api.awaitTask(hibernate.body().get("id").asText(), java.time.Duration.ofSeconds(60));
        assertThat(done.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(state(a)).isEqualTo("HIBERNATED");
        assertThat(memory().get("allocatedMb").asLong()).as("its memory is on disk, not on the host").isZero();
        assertThat(memory().get("freeMb").asLong()).isEqualTo(memory().get("usableMb").asLong());
        assertThat(api.get("/vms?state=HIBERNATED").body().get("total").asInt()).isEqualTo(1);

        // only start, stop and delete (and going back to a snapshot) are allowed now
        for (String refused : new String[] {"shutdown", "reboot", "suspend", "resume", "hibernate"}) {
            var r = api.post("/vms/" + a + "/" + refused, "");
            assertThat(r.code()).as(refused).isEqualTo("VM_INVALID_STATE");
            assertThat(r.raw()).contains("HIBERNATED");
        }
        assertThat(api.post("/vms/" + a + "/snapshots", "{\"name\":\"s\"}").code()).isEqualTo("VM_INVALID_STATE");

        succeeds("/vms/" + a + "/start");
        assertThat(state(a)).isEqualTo("RUNNING");
        assertThat(memory().get("allocatedMb").asLong()).isEqualTo(4096);
        assertThat(api.get("/events?type=vm.hibernate&targetId=" + a).body().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void startingAHibernatedVmIsAdmittedLikeAPowerOnAndStopDiscardsItsMemory() {
        String a = vm("a");
        succeeds("/vms/" + a + "/start");
        succeeds("/vms/" + a + "/suspend");
        succeeds("/vms/" + a + "/hibernate"); // a paused VM hibernates too
        assertThat(state(a)).isEqualTo("HIBERNATED");
        String b = vm("b");
        String c = vm("c");
        succeeds("/vms/" + b + "/start");
        succeeds("/vms/" + c + "/start"); // the memory a freed is taken

        var start = api.post("/vms/" + a + "/start", "");
        assertThat(start.status()).isEqualTo(409);
        assertThat(start.code()).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(state(a)).isEqualTo("HIBERNATED");

        // stopping it needs no capacity: it discards the saved memory
        succeeds("/vms/" + a + "/stop");
        assertThat(state(a)).isEqualTo("STOPPED");
        assertThat(memory().get("allocatedMb").asLong()).isEqualTo(8192);

        succeeds("/vms/" + b + "/hibernate");
        var delete = api.delete("/vms/" + b);
        assertThat(delete.status()).as(delete.raw()).isEqualTo(202);
        assertThat(api.awaitTask(delete.body().get("id").asText(), java.time.Duration.ofSeconds(60))
                .get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/vms/" + b).status()).isEqualTo(404);
        assertThat(memory().get("allocatedMb").asLong()).isEqualTo(4096);
    }
}
