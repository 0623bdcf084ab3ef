package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.ProgressSink;

/** Port group bridges: made on the host when missing, refused when the name is taken by something else. */
class BridgesTest {

    private static Path datastore;

    @BeforeAll
    static void host() {
        TestHost.requireLibvirt();
        datastore = TestHost.newDatastore("bridges");
    }

    @AfterAll
    static void removeDatastore() {
        if (datastore != null) {
            TestHost.cleanUp(datastore);
        }
    }

    @Test
    void aNameTakenByAnInterfaceThatIsNotABridgeIsABadReference(@TempDir Path sys) throws Exception {
        Files.createDirectories(sys.resolve("eth9")); // an interface without a bridge/ directory
        Files.createDirectories(sys.resolve("br9/bridge"));
        var bridges = new Bridges(sys, "/bin/false");
        bridges.ensure("br9"); // exists and is a bridge: nothing to run (/bin/false would fail)
        assertThatThrownBy(() -> bridges.ensure("eth9")).isInstanceOf(DriverException.class)
                .hasMessageContaining("not a bridge")
                .extracting(e -> ((DriverException) e).reason()).isEqualTo(DriverException.Reason.BAD_REFERENCE);
        assertThatThrownBy(() -> bridges.ensure("bad name/1")).hasMessageContaining("interface name");
        assertThatThrownBy(() -> bridges.ensure("newbr0")).hasMessageContaining("failed");
    }

    @Test
    void aMissingBridgeIsMadeAtDefineAndABadOneLeavesNoDomain() throws Exception {
        String bridge = "vrmt-" + UUID.randomUUID().toString().substring(0, 8);
        String vmId = "bridge-" + UUID.randomUUID().toString().substring(0, 8);
        try (var driver = new LibvirtDriver(TestHost.config())) {
            DomainSpec tiny = TestHost.tinySpec(vmId, datastore);
            var onNewBridge = new DomainSpec(vmId, tiny.name(), 1, 1, 1, 256, tiny.disks(),
                    List.of(new DomainSpec.NicSpec(TestHost.macOf(vmId), bridge, "virtio")), tiny.bootOrder());
            driver.define(onNewBridge, ProgressSink.NONE);
            assertThat(Path.of("/sys/class/net", bridge, "bridge")).isDirectory();
            assertThat(TestHost.virsh("domiflist", driver.domainName(vmId))).contains(bridge);
            driver.undefine(vmId, ProgressSink.NONE);

            var onLoopback = new DomainSpec(vmId, tiny.name(), 1, 1, 1, 256, tiny.disks(),
                    List.of(new DomainSpec.NicSpec(TestHost.macOf(vmId), "lo", "virtio")), tiny.bootOrder());
            assertThatThrownBy(() -> driver.define(onLoopback, ProgressSink.NONE))
                    .isInstanceOf(DriverException.class).hasMessageContaining("lo cannot be made");
            assertThat(driver.domain(vmId)).isEmpty();
        } finally {
            TestHost.run(Duration.ofSeconds(10), "/sbin/ip", "link", "del", bridge);
        }
    }
}
