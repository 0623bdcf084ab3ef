package org.openvrm.manager.vm;

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
 * Hibernate through the manager on this machine's real libvirtd + QEMU: the tiny guest's memory saved to disk (no
 * QEMU process left, no host memory counted), started again from it, and a hibernated VM deleted without a trace.
 */
class LibvirtHibernateTest {

    @AutoClose // whatever the test left: domains, volumes, bridge, logs
    private LibvirtManager m;

    @BeforeEach
    void start() throws IOException {
        m = new LibvirtManager("hib");
    }


    private long allocatedMb() {
        return m.api().get("/hosts/" + m.hostId).body().at("/capacity/memory/allocatedMb").asLong();
    }

    @Test
    void aRealGuestHibernatesHoldsNoMemoryAndStartsAgain() throws Exception {
        String vm = m.createTinyVm("tiny");
        String domain = m.domainName(vm);
        m.succeeded("/vms/" + vm + "/start", "");
        assertThat(allocatedMb()).isEqualTo(256);

        JsonNode hibernate = m.succeeded("/vms/" + vm + "/hibernate", "");
        assertThat(m.state(vm)).isEqualTo("HIBERNATED");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).as("no QEMU process").contains("shut off");
        assertThat(LocalLibvirt.virshResult("dominfo", domain).output()).containsPattern("Managed save:\\s+yes");
        assertThat(allocatedMb()).isZero();

        JsonNode resume = m.succeeded("/vms/" + vm + "/start", "");
        assertThat(m.state(vm)).isEqualTo("RUNNING");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).contains("running");
        assertThat(LocalLibvirt.virshResult("dominfo", domain).output()).containsPattern("Managed save:\\s+no");
        System.out.printf("real QEMU hibernate %d ms, start from it %d ms%n", millis(hibernate), millis(resume));

        m.succeeded("/vms/" + vm + "/hibernate", "");
        m.deleteVmLeavingNoTrace(vm);
    }

    private static long millis(JsonNode task) {
        return Duration.between(Instant.parse(task.get("startedAt").asText()),
                Instant.parse(task.get("finishedAt").asText())).toMillis();
    }
}
