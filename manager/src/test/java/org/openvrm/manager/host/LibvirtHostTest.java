package org.openvrm.manager.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.LibvirtManager;
import org.openvrm.manager.testkit.LocalLibvirt;

/**
 * The manager driving this machine's real libvirtd + QEMU: a VM made as a linked clone of the tiny test guest, on
 * a port group whose bridge the agent makes, started, shut down through the guest, deleted without a trace.
 */
class LibvirtHostTest {

    @AutoClose // whatever the test left: domains, volumes, bridge, logs
    private LibvirtManager m;
    private Api api;

    @BeforeEach
    void start() throws IOException {
        m = new LibvirtManager("mgr");
        api = m.api();
    }


    @Test
    void aTinyGuestIsCreatedStartedShutDownThroughTheGuestAndDeletedWithoutATrace() throws Exception {
        JsonNode host = api.get("/hosts/" + m.hostId).body();
        assertThat(host.at("/hardware/virtualization").asText()).isIn("KVM", "QEMU_TCG");
        assertThat(host.at("/hardware/logicalCpus").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        var second = api.post("/hosts", "{\"name\":\"again\",\"clusterId\":\"" + host.get("clusterId").asText()
                + "\",\"driver\":\"libvirt\"}");
        assertThat(second.code()).isEqualTo("LOCAL_HOST_EXISTS");

        String vm = m.createTinyVm("tiny");
        String domain = m.domainName(vm);
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).contains("shut off");
        assertThat(Path.of("/sys/class/net", m.bridge, "bridge")).as("the agent made the port group's bridge")
                .isDirectory();
        assertThat(LocalLibvirt.files(m.datastore)).as("the VM's disk, a linked clone").hasSize(1);

        m.succeeded("/vms/" + vm + "/start", "");
        assertThat(m.state(vm)).isEqualTo("RUNNING");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).contains("running");

        m.succeeded("/vms/" + vm + "/shutdown", "");
        assertThat(m.state(vm)).isEqualTo("STOPPED");

        m.succeeded("/vms/" + vm + "/start", "");
        LocalLibvirt.virshResult("destroy", domain); // powered off behind the manager's back
        m.awaitState(vm, 30, "STOPPED", "CRASHED"); // the VM state follows the host

        m.deleteVmLeavingNoTrace(vm);
    }
}
