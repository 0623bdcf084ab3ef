package org.openvrm.manager.host;

import org.openvrm.manager.testkit.LibvirtManager;
import org.openvrm.manager.testkit.LocalLibvirt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * libvirtd going away under a running manager, on the real daemon: while it is down, tasks fail with
 * HOST_UNAVAILABLE and leave nothing behind; when it is back the same manager (no restart) works again, and a
 * running guest has survived it with its events flowing again. These tests stop libvirtd: run them alone (take
 * /tmp/openvrm-libvirtd.lock exclusively); each restarts it in a finally and waits until it answers, so the tests
 * after them find it up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibvirtdOutageTest {

    private LibvirtManager m;

    @BeforeAll
    void start() throws IOException {
        LocalLibvirt.requireReachable();
        m = new LibvirtManager("bad");
    }

    @AfterAll
    void stop() throws IOException, InterruptedException {
        try {
            LocalLibvirt.startDaemon(); // whatever happened, the next test class finds libvirtd up
        } finally {
            if (m != null) {
                m.close();
            }
        }
    }

    @Test
    void whileLibvirtdIsDownTasksFailWithHostUnavailableAndTheHostWorksOnceItIsBack() throws Exception {
        String idle = created("idle");
        int volumes = LocalLibvirt.files(m.datastore).size();
        int placed = m.vmsOnHost();

        JsonNode create;
        JsonNode start;
        try {
            LocalLibvirt.stopDaemon();
            create = m.createVm(m.tinyVmJson("while-down"));
            start = m.await(m.api().post("/vms/" + idle + "/start", ""));
        } finally {
            LocalLibvirt.startDaemon();
        }

        assertThat(create.get("state").asText()).as(create.toString()).isEqualTo("FAILED");
        assertThat(create.at("/error/code").asText()).isEqualTo("HOST_UNAVAILABLE");
        assertThat(create.at("/error/message").asText()).contains("cannot connect to libvirt");
        String lost = create.get("targetId").asText();
        assertThat(m.api().get("/vms/" + lost).status()).as("no VM row").isEqualTo(404);
        assertThat(LocalLibvirt.domainExists(m.domainName(lost))).as("no domain").isFalse();
        assertThat(LocalLibvirt.files(m.datastore)).as("no volume file").hasSize(volumes);
        assertThat(m.vmsOnHost()).as("the host's capacity is given back").isEqualTo(placed);
        assertErrorEvent(create, lost, "cannot connect to libvirt");

        assertThat(start.get("state").asText()).as(start.toString()).isEqualTo("FAILED");
        assertThat(start.at("/error/code").asText()).isEqualTo("HOST_UNAVAILABLE");
        assertErrorEvent(start, idle, "cannot connect to libvirt");

        // Back without restarting the manager: the reconnect tells the idle VM's state again (it was UNKNOWN)...
        assertThat(m.awaitState(idle, 60, "STOPPED")).isEqualTo("STOPPED");
        // ...and the host takes work again.
        String again = created("after");
        assertThat(m.await(m.api().post("/vms/" + idle + "/start", "")).get("state").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(LocalLibvirt.virsh("domstate", m.domainName(idle))).contains("running");
        assertThat(m.await(m.api().post("/vms/" + idle + "/stop", "")).get("state").asText())
                .isEqualTo("SUCCEEDED");
        deleteWithoutTrace(idle);
        deleteWithoutTrace(again);
    }

    @Test
    void aRunningGuestSurvivesALibvirtdRestartAndItsCrashAfterwardsIsSeen() throws Exception {
        String vm = created("survivor");
        assertThat(m.await(m.api().post("/vms/" + vm + "/start", "")).get("state").asText())
                .isEqualTo("SUCCEEDED");
        String domain = m.domainName(vm);
        long qemu = LocalLibvirt.qemuPid(domain);

        try {
            LocalLibvirt.stopDaemon();
            assertThat(ProcessHandle.of(qemu).map(ProcessHandle::isAlive)).as("QEMU outlives libvirtd")
                    .contains(true);
            assertThat(m.state(vm)).isEqualTo("RUNNING");
        } finally {
            LocalLibvirt.startDaemon();
        }
        assertThat(LocalLibvirt.virsh("domstate", domain)).contains("running");
        assertThat(LocalLibvirt.qemuPid(domain)).as("the same QEMU").isEqualTo(qemu);
        assertThat(m.state(vm)).isEqualTo("RUNNING");

        // The agent reopens its connection by itself (no call to the host meanwhile), so events flow again.
        long me = ProcessHandle.current().pid();
        long back = System.nanoTime();
        long deadline = back + TimeUnit.SECONDS.toNanos(60);
        while (!LocalLibvirt.hasClient(me)) {
            assertThat(System.nanoTime()).as("the manager reconnects to libvirtd").isLessThan(deadline);
            Thread.sleep(200);
        }
        long reconnected = System.nanoTime();
        assertThat(m.state(vm)).as("the reconnect did not disturb the VM").isEqualTo("RUNNING");

        LocalLibvirt.run(Duration.ofSeconds(10), "kill", "-9", Long.toString(qemu));
        long killed = System.nanoTime();
        assertThat(m.awaitState(vm, 15, "CRASHED")).isEqualTo("CRASHED");
        System.out.printf("libvirtd answering -> manager reconnected (seen by virt-admin): %d ms; "
                + "kill -9 of QEMU -> CRASHED in the API: %d ms%n", (reconnected - back) / 1_000_000,
                (System.nanoTime() - killed) / 1_000_000); // for the README; not asserted
        assertThat(m.api().get("/events?targetId=" + vm + "&type=vm.crashed").body().get("items"))
                .as("the crash is an event the operator can read").hasSize(1);

        assertThat(m.await(m.api().post("/vms/" + vm + "/stop", "")).get("state").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(m.state(vm)).isEqualTo("STOPPED");
        assertThat(LocalLibvirt.virsh("domstate", domain)).contains("shut off");
        deleteWithoutTrace(vm);
    }

    private String created(String name) {
        JsonNode task = m.createVm(m.tinyVmJson(name + "-" + System.nanoTime() % 100_000));
        assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("SUCCEEDED");
        return task.get("targetId").asText();
    }

    private void deleteWithoutTrace(String vm) throws IOException {
        assertThat(m.await(m.api().delete("/vms/" + vm)).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(LocalLibvirt.domainExists(m.domainName(vm))).as("no domain left").isFalse();
        assertThat(LocalLibvirt.files(m.datastore)).as("no volume left").noneMatch(f ->
                f.getFileName().toString().startsWith(vm));
    }

    private void assertErrorEvent(JsonNode task, String vmId, String text) {
        assertThat(m.eventsOf(task.get("id").asText())).as("an event the operator can read").anySatisfy(e -> {
            assertThat(e.get("severity").asText()).isEqualTo("ERROR");
            assertThat(e.get("targetId").asText()).isEqualTo(vmId);
            assertThat(e.get("message").asText()).contains(text);
        });
    }
}
