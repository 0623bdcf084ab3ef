package org.openvrm.manager.host;

import org.openvrm.manager.testkit.LibvirtManager;
import org.openvrm.manager.testkit.LocalLibvirt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the real host refuses, through the manager: a missing base image, a datastore directory removed behind the
 * manager's back, a full datastore, a port group whose bridge name is taken by a link that is not a bridge. The
 * manager cannot know any of these up front (they are facts of the host placement picks), so each is a FAILED task
 * with a stable code and a message naming the culprit, an ERROR event saying the same, and nothing left: no VM row,
 * no domain, no volume file, the host's capacity given back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibvirtBadReferencesTest {

    private LibvirtManager m;

    @BeforeAll
    void start() throws IOException {
        LocalLibvirt.requireReachable();
        m = new LibvirtManager("bad");
    }

    @AfterAll
    void stop() throws IOException {
        if (m != null) {
            m.close();
        }
    }

    @Test
    void aMissingBaseImageFailsTheCreationNamingTheImage() throws IOException {
        Path missing = LocalLibvirt.DATASTORES.resolve("no-such-image-" + UUID.randomUUID() + ".qcow2");
        JsonNode task = m.createVm("""
                {"name":"no-image","vcpus":1,"memoryMb":256,
                 "disks":[{"sizeMb":64,"image":"%s","datastoreId":"%s"}],"nics":[]}
                """.formatted(missing, m.datastoreId));

        assertFailedLeavingNothing(task, "HOST_BAD_REFERENCE", "source image " + missing + " does not exist",
                m.datastore);
    }

    @Test
    void aDatastoreDirectoryRemovedBehindTheManagersBackFailsTheCreation() throws IOException {
        Path dir = LocalLibvirt.newDatastore("gone");
        String ds = m.api().create("/datastores", "{\"name\":\"gone\",\"type\":\"dir\",\"path\":\"" + dir
                + "\",\"capacityMb\":1000}");
        Files.delete(dir);

        JsonNode task = m.createVm("""
                {"name":"on-gone","vcpus":1,"memoryMb":256,"disks":[{"sizeMb":64,"datastoreId":"%s"}],"nics":[]}
                """.formatted(ds));

        assertFailedLeavingNothing(task, "HOST_BAD_REFERENCE", "datastore directory " + dir + " does not exist",
                dir);
        assertThat(dir).as("the manager does not make a datastore directory it was told exists").doesNotExist();
    }

    @Test
    void aThickDiskLargerThanTheDatastoreFailsTheCreationAndLeavesNoPartialFile() throws IOException {
        Path dir = LocalLibvirt.newDatastore("full");
        // The manager believes 1000 MB (its record); the host has 2 MB: only the host can find out.
        LocalLibvirt.Result mount = LocalLibvirt.run(Duration.ofSeconds(30), "mount", "-t", "tmpfs", "-o",
                "size=2m,mode=0755", "tmpfs", dir.toString());
        assertThat(mount.exit()).as("mount a 2 MB tmpfs: " + mount.output()).isZero();
        try {
            String ds = m.api().create("/datastores", "{\"name\":\"full\",\"type\":\"dir\",\"path\":\"" + dir
                    + "\",\"capacityMb\":1000}");

            JsonNode task = m.createVm("""
                    {"name":"too-thick","vcpus":1,"memoryMb":256,
                     "disks":[{"sizeMb":16,"datastoreId":"%s","provisioning":"thick"}],"nics":[]}
                    """.formatted(ds));

            assertFailedLeavingNothing(task, "HOST_RESOURCE_EXHAUSTED", "No space left on device", dir);
            assertThat(task.at("/error/message").asText()).contains(dir.toString());
        } finally {
            LocalLibvirt.run(Duration.ofSeconds(30), "umount", dir.toString());
            LocalLibvirt.deleteTree(dir);
        }
    }

    @Test
    void aBridgeNameTakenByALinkThatIsNotABridgeFailsTheCreationAndLeavesTheLinkAlone() throws IOException {
        String pg = m.api().create("/portgroups", "{\"name\":\"taken\"}");
        String bridge = m.api().get("/portgroups/" + pg).body().get("bridge").asText();
        takeWithNonBridgeLink(bridge);
        try {
            JsonNode task = m.createVm("""
                    {"name":"on-taken","vcpus":1,"memoryMb":256,
                     "disks":[{"sizeMb":64,"datastoreId":"%s"}],"nics":[{"portGroupId":"%s"}]}
                    """.formatted(m.datastoreId, pg));

            assertFailedLeavingNothing(task, "HOST_BAD_REFERENCE", "bridge " + bridge
                    + " cannot be made: an interface of that name exists and is not a bridge", m.datastore);
            assertThat(Path.of("/sys/class/net", bridge)).as("the operator's link is still there").exists();
            assertThat(Path.of("/sys/class/net", bridge, "bridge")).as("and still not a bridge").doesNotExist();
        } finally {
            LocalLibvirt.run(Duration.ofSeconds(10), "/sbin/ip", "link", "del", bridge);
        }
    }

    /** A dummy link where the kernel has the module, else a tap device: either is a link that is not a bridge. */
    private static void takeWithNonBridgeLink(String name) throws IOException {
        LocalLibvirt.Result dummy = LocalLibvirt.run(Duration.ofSeconds(10), "/sbin/ip", "link", "add", name,
                "type", "dummy");
        if (dummy.exit() != 0) {
            LocalLibvirt.Result tap = LocalLibvirt.run(Duration.ofSeconds(10), "/sbin/ip", "tuntap", "add", "dev",
                    name, "mode", "tap");
            assertThat(tap.exit()).as("make a non-bridge link " + name + ": " + dummy.output() + "; "
                    + tap.output()).isZero();
        }
    }

    private void assertFailedLeavingNothing(JsonNode task, String code, String culprit, Path datastore)
            throws IOException {
        assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("FAILED");
        assertThat(task.at("/error/code").asText()).as(task.toString()).isEqualTo(code);
        assertThat(task.at("/error/message").asText()).contains(culprit);
        String vmId = task.get("targetId").asText();

        assertThat(m.api().get("/vms/" + vmId).status()).as("no VM row").isEqualTo(404);
        assertThat(LocalLibvirt.domainExists(m.domainName(vmId))).as("no domain").isFalse();
        assertThat(LocalLibvirt.files(datastore)).as("no volume file").noneMatch(f ->
                f.getFileName().toString().startsWith(vmId));
        assertThat(m.vmsOnHost()).as("the host's capacity is given back").isZero();
        JsonNode events = m.eventsOf(task.get("id").asText());
        assertThat(events).as("an event the operator can read").anySatisfy(e -> {
            assertThat(e.get("severity").asText()).isEqualTo("ERROR");
            assertThat(e.get("targetId").asText()).isEqualTo(vmId);
            assertThat(e.get("message").asText()).contains(culprit);
        });
    }
}
