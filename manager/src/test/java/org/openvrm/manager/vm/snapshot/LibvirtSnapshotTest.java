package org.openvrm.manager.vm.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.manager.testkit.LibvirtManager;
import org.openvrm.manager.testkit.LocalLibvirt;

/**
 * Snapshots through the manager on this machine's real libvirtd + QEMU: the tiny guest running, a snapshot with its
 * memory, powered off, reverted (running again), the snapshot deleted, and the VM deleted with its snapshots.
 */
class LibvirtSnapshotTest {

    @AutoClose // whatever the test left: domains, volumes, bridge, logs
    private LibvirtManager m;

    @BeforeEach
    void start() throws IOException {
        m = new LibvirtManager("snap");
    }


    private static long millis(JsonNode task) {
        return Duration.between(Instant.parse(task.get("startedAt").asText()),
                Instant.parse(task.get("finishedAt").asText())).toMillis();
    }

    @Test
    void aRunningGuestIsSnapshottedRevertedAndDeletedWithItsSnapshots() throws Exception {
        String vm = m.createTinyVm("tiny");
        String domain = m.domainName(vm);
        m.succeeded("/vms/" + vm + "/start", "");

        JsonNode take = m.succeeded("/vms/" + vm + "/snapshots", "{\"name\":\"live\"}");
        String snap = take.get("targetId").asText();
        assertThat(LocalLibvirt.virshResult("snapshot-list", domain, "--name").output()).contains(snap);
        JsonNode recorded = m.api().get("/vms/" + vm + "/snapshots/" + snap).body();
        assertThat(recorded.get("vmState").asText()).as("libvirt recorded a running guest").isEqualTo("RUNNING");
        assertThat(m.state(vm)).isEqualTo("RUNNING");

        m.succeeded("/vms/" + vm + "/stop", "");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).contains("shut off");
        JsonNode revert = m.succeeded("/vms/" + vm + "/snapshots/" + snap + "/revert", "");
        assertThat(m.state(vm)).isEqualTo("RUNNING");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).as("the guest runs again from its memory")
                .contains("running");

        JsonNode delete = m.await(m.api().delete("/vms/" + vm + "/snapshots/" + snap));
        assertThat(delete.get("state").asText()).as(delete.toString()).isEqualTo("SUCCEEDED");
        assertThat(LocalLibvirt.virshResult("snapshot-list", domain, "--name").output()).doesNotContain(snap);
        System.out.printf("real QEMU snapshot timings: take %d ms, revert %d ms%n", millis(take), millis(revert));

        m.succeeded("/vms/" + vm + "/snapshots", "{\"name\":\"kept\"}");
        m.succeeded("/vms/" + vm + "/stop", "");
        m.deleteVmLeavingNoTrace(vm);
    }
}
