package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;

/** Volumes and definitions on the real host: linked clones, allocation, ownership, bad references, redefinition. */
class LibvirtVolumesTest {

    private static Path datastore;
    private LibvirtDriver driver;
    private final List<String> made = new ArrayList<>();

    @BeforeAll
    static void host() {
        TestHost.requireLibvirt();
        datastore = TestHost.newDatastore("volumes");
    }

    @AfterAll
    static void removeDatastore() {
        if (datastore != null) {
            TestHost.cleanUp(datastore);
        }
    }

    @BeforeEach
    void open() {
        driver = new LibvirtDriver(TestHost.config());
    }

    @AfterEach
    void close() {
        for (String vmId : made) {
            TestHost.remove(driver, vmId);
        }
        driver.close();
    }

    private String vmId(String label) {
        String id = "vol-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
        made.add(id);
        return id;
    }

    private static Path volume(String vmId, String diskId) {
        return datastore.resolve(Names.volumeFile(vmId, diskId));
    }

    @Test
    void linkedCloneHasTheImageAsBackingFileAndAtLeastItsSize() throws Exception {
        DomainSpec spec = TestHost.tinySpec(vmId("clone"), datastore);
        driver.define(spec, ProgressSink.NONE);
        QemuImg qemuImg = new QemuImg("/usr/bin/qemu-img", java.time.Duration.ofMinutes(1));
        QemuImg.Info clone = qemuImg.info(volume(spec.vmId(), "root"));
        QemuImg.Info base = qemuImg.info(TestHost.tinyGuest());
        assertThat(clone.format()).isEqualTo("qcow2");
        assertThat(clone.backingFile()).isEqualTo(TestHost.tinyGuest().toAbsolutePath().toString());
        assertThat(clone.virtualSizeBytes()).isEqualTo(Math.max(64L << 20, base.virtualSizeBytes()));
        assertThat(Files.size(volume(spec.vmId(), "root"))).as("a clone holds no copy of the base")
                .isLessThan(2L << 20);
    }

    @Test
    void thickAllocatesUpFrontAndThinDoesNot() throws Exception {
        String vmId = vmId("alloc");
        DomainSpec spec = new DomainSpec(vmId, "alloc", 1, 1, 1, 128, List.of(
                new DiskSpec("thin", 64, datastore.toString(), null, false, "virtio"),
                new DiskSpec("thick", 64, datastore.toString(), null, true, "virtio")), List.of(), List.of("disk"));
        driver.define(spec, ProgressSink.NONE);
        assertThat(allocatedBytes(volume(vmId, "thick"))).isGreaterThanOrEqualTo(64L << 20);
        assertThat(allocatedBytes(volume(vmId, "thin"))).isLessThan(2L << 20);
    }

    @Test
    void undefineRemovesTheVmsOwnVolumesAndNothingElse() throws Exception {
        DomainSpec gone = TestHost.tinySpec(vmId("gone"), datastore);
        DomainSpec kept = TestHost.tinySpec(vmId("kept"), datastore);
        Path stranger = Files.writeString(datastore.resolve("someone-elses.qcow2"), "not ours");
        driver.define(gone, ProgressSink.NONE);
        driver.define(kept, ProgressSink.NONE);
        assertThat(volume(gone.vmId(), "root")).exists();

        driver.undefine(gone.vmId(), ProgressSink.NONE);

        assertThat(volume(gone.vmId(), "root")).doesNotExist();
        assertThat(volume(kept.vmId(), "root")).exists();
        assertThat(stranger).exists();
        assertThat(TestHost.tinyGuest()).exists();
        Files.delete(stranger);
    }

    @Test
    void missingSourceImageIsBadReferenceAndLeavesNothing() throws Exception {
        String vmId = vmId("no-image");
        DomainSpec spec = new DomainSpec(vmId, "x", 1, 1, 1, 128, List.of(
                new DiskSpec("data", 64, datastore.toString(), null, false, "virtio"),
                new DiskSpec("root", 64, datastore.toString(), "/nonexistent/image.qcow2", false, "virtio")),
                List.of(), List.of("disk"));
        DriverException e = catchThrowableOfType(DriverException.class, () -> driver.define(spec, ProgressSink.NONE));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(DriverException.Reason.BAD_REFERENCE);
        assertThat(e.getMessage()).contains("/nonexistent/image.qcow2");
        assertThat(driver.domain(vmId)).isEmpty();
        assertThat(volume(vmId, "data")).doesNotExist();
    }

    @Test
    void missingDatastoreIsBadReferenceAndLeavesNothing() {
        String vmId = vmId("no-store");
        DomainSpec spec = new DomainSpec(vmId, "x", 1, 1, 1, 128, List.of(
                new DiskSpec("root", 64, datastore.resolve("absent").toString(), null, false, "virtio")),
                List.of(), List.of("disk"));
        DriverException e = catchThrowableOfType(DriverException.class, () -> driver.define(spec, ProgressSink.NONE));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(DriverException.Reason.BAD_REFERENCE);
        assertThat(e.getMessage()).contains("absent");
        assertThat(driver.domain(vmId)).isEmpty();
    }

    @Test
    void aChangedSpecRedefinesAStoppedDomainAndIsRefusedWhileItRuns() {
        DomainSpec first = TestHost.tinySpec(vmId("redefine"), datastore);
        driver.define(first, ProgressSink.NONE);
        DomainSpec second = new DomainSpec(first.vmId(), first.name(), 2, 1, 2, 192, first.disks(),
                first.nics(), first.bootOrder());
        driver.define(second, ProgressSink.NONE);
        assertThat(driver.domain(first.vmId())).contains(new DomainStatus(first.vmId(), PowerState.SHUTOFF, 2));
        assertThat(volume(first.vmId(), "root")).exists();

        driver.start(first.vmId(), ProgressSink.NONE);
        DomainSpec third = new DomainSpec(first.vmId(), first.name(), 3, 1, 2, 256, first.disks(),
                first.nics(), first.bootOrder());
        DriverException e = catchThrowableOfType(DriverException.class, () -> driver.define(third, ProgressSink.NONE));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(DriverException.Reason.INVALID_STATE);
        assertThat(driver.domain(first.vmId())).contains(new DomainStatus(first.vmId(), PowerState.RUNNING, 2));
    }

    @Test
    void aDefineCutShortBeforeItsVolumeIsRepairedByDefiningAgain() throws IOException {
        DomainSpec spec = TestHost.tinySpec(vmId("repair"), datastore);
        driver.define(spec, ProgressSink.NONE);
        Files.delete(volume(spec.vmId(), "root"));
        driver.define(spec, ProgressSink.NONE);
        assertThat(volume(spec.vmId(), "root")).exists();
    }

    @Test
    void aForeignDomainIsReportedUnderItsOwnNameAndLeftAlone() throws IOException {
        String name = TestHost.PREFIX + "foreign-" + UUID.randomUUID().toString().substring(0, 8);
        Path xml = Files.writeString(datastore.resolve(name + ".xml"), "<domain type='qemu'><name>" + name
                + "</name><memory unit='MiB'>64</memory><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>");
        TestHost.virsh("define", xml.toString());
        try {
            assertThat(driver.listDomains()).contains(new DomainStatus(name, PowerState.SHUTOFF, 0));
            assertThat(driver.domain(name)).contains(new DomainStatus(name, PowerState.SHUTOFF, 0));
            for (Runnable call : List.<Runnable>of(() -> driver.start(name, ProgressSink.NONE),
                    () -> driver.undefine(name, ProgressSink.NONE))) {
                DriverException e = catchThrowableOfType(DriverException.class, call::run);
                assertThat(e).isNotNull();
                assertThat(e.reason()).isEqualTo(DriverException.Reason.INVALID_STATE);
            }
            assertThat(driver.domain(name)).isPresent();
        } finally {
            TestHost.virsh("undefine", name);
        }
    }

    @Test
    void theNextCallReconnectsAfterTheConnectionIsLost() {
        DomainSpec spec = TestHost.tinySpec(vmId("reconnect"), datastore);
        driver.define(spec, ProgressSink.NONE);
        driver.forgetConnection();
        assertThat(driver.domain(spec.vmId())).contains(new DomainStatus(spec.vmId(), PowerState.SHUTOFF, 1));
    }

    private static long allocatedBytes(Path file) throws IOException {
        TestHost.Result r = TestHost.run(java.time.Duration.ofSeconds(10), "du", "-B1", file.toString());
        try (Stream<String> words = Stream.of(r.output().split("\\s+"))) {
            return Long.parseLong(words.findFirst().orElseThrow());
        }
    }
}
