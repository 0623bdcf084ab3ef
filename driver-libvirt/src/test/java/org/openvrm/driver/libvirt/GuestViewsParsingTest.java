package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.GuestInterface;
import org.openvrm.driver.VncEndpoint;

/** The pure parts of the new calls: agent replies, XML read back, log tails, metadata sizes. */
class GuestViewsParsingTest {

    @TempDir
    Path dir;

    // what qemu-ga 7.2 in the tiny guest answers (statistics cut)
    private static final String HOST = "{\"return\":{\"host-name\":\"openvrm-tiny\"}}";
    private static final String NICS = """
            {"return":[
             {"name":"lo","hardware-address":"00:00:00:00:00:00","ip-addresses":[
               {"ip-address-type":"ipv4","ip-address":"127.0.0.1","prefix":8},
               {"ip-address-type":"ipv6","ip-address":"::1","prefix":128}]},
             {"name":"eth0","hardware-address":"52:54:00:AB:CD:EF","ip-addresses":[
               {"ip-address-type":"ipv4","ip-address":"198.51.100.10","prefix":24},
               {"ip-address-type":"ipv6","ip-address":"fe80::5054:ff:feab:cdef","prefix":64}]},
             {"name":"eth1","hardware-address":"52:54:00:00:00:02"}]}
            """;

    @Test
    void agentRepliesBecomeGuestInfoWithoutLoopback() {
        assertThat(AgentReplies.guestInfo(HOST, NICS)).isEqualTo(new GuestInfo(true, Optional.of("openvrm-tiny"),
                List.of(new GuestInterface("eth0", "52:54:00:ab:cd:ef",
                                List.of("198.51.100.10/24", "fe80::5054:ff:feab:cdef/64")),
                        new GuestInterface("eth1", "52:54:00:00:00:02", List.of()))));
        assertThat(AgentReplies.guestInfo("{\"return\":{}}", "{\"return\":[]}"))
                .isEqualTo(new GuestInfo(true, Optional.empty(), List.of()));
        assertThatThrownBy(() -> AgentReplies.guestInfo(HOST, "not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentReplies.guestInfo(HOST, "{\"error\":{}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vncAndSerialLogAreReadFromTheDomainXml() {
        String live = """
                <domain type='qemu'><devices>
                  <serial type='pty'><source path='/dev/pts/3'/><log file='/var/log/x-serial.log' append='off'/></serial>
                  <graphics type='spice' port='5999'/>
                  <graphics type='vnc' port='5907' autoport='yes' listen='127.0.0.1'>
                    <listen type='address' address='127.0.0.1'/></graphics>
                </devices></domain>""";
        assertThat(DomainXmlReader.vnc(live)).contains(new VncEndpoint("127.0.0.1", 5907));
        assertThat(DomainXmlReader.serialLog(live)).contains("/var/log/x-serial.log");
        String inactive = "<domain><devices><graphics type='vnc' port='-1' autoport='yes'/></devices></domain>";
        assertThat(DomainXmlReader.vnc(inactive)).isEmpty();
        assertThat(DomainXmlReader.serialLog(inactive)).isEmpty();
        assertThat(DomainXmlReader.vnc("<domain><devices><graphics type='vnc' port='5901'/></devices></domain>"))
                .contains(new VncEndpoint("127.0.0.1", 5901));
    }

    @Test
    void aLogTailIsTheLastBytesWithoutAHalfCharacter() throws IOException {
        Path log = dir.resolve("serial.log");
        assertThat(GuestViews.tail(log, 10)).isEmpty();
        Files.write(log, "boot\nré\n".getBytes(StandardCharsets.UTF_8)); // é is 2 bytes: 9 bytes in all
        assertThat(GuestViews.tail(log, 100)).isEqualTo("boot\nré\n");
        assertThat(GuestViews.tail(log, 3)).isEqualTo("é\n");
        assertThat(GuestViews.tail(log, 2)).isEqualTo("\n"); // the second byte of é alone is skipped
    }

    @Test
    void diskSizesLiveBesideTheFingerprintAndGrowInTheXml() {
        DomainSpec spec = new DomainSpec("vm-9", "nine", 3, 1, 1, 128,
                List.of(new DiskSpec("root", 64, "/ds", null, false, "virtio"),
                        new DiskSpec("data", 32, "/ds", null, true, "virtio")), List.of(), List.of());
        DomainPlan plan = DomainXmlWriterTest.plan(spec);
        String xml = new DomainXmlWriter().write(plan, new HostFacts(
                org.openvrm.driver.VirtualizationType.QEMU_TCG, "/usr/bin/qemu-system-x86_64", "pc"));
        String grown = DomainMetadata.withDiskSize(xml, "data", 96);
        DomainMetadata after = DomainMetadata.parse(grown).orElseThrow();
        assertThat(after.disks()).containsExactly(new DomainMetadata.Disk("root", 64, false),
                new DomainMetadata.Disk("data", 96, true));
        assertThat(after.generation()).isEqualTo(3);
        DomainSpec same = new DomainSpec("vm-9", "nine", 3, 1, 1, 128,
                List.of(spec.disks().get(0), new DiskSpec("data", 96, "/ds", null, true, "virtio")), List.of(),
                List.of());
        assertThat(after.describes(same)).isTrue();
        assertThat(after.describes(spec)).isFalse();
        assertThat(grown).contains("<memory unit=\"MiB\">128</memory>").contains("vm-9-root.qcow2");
        assertThatThrownBy(() -> DomainMetadata.withDiskSize(xml, "nope", 1))
                .isInstanceOf(IllegalArgumentException.class);
        // a domain defined before sizes were kept apart is matched by its old whole-spec fingerprint
        DomainMetadata legacy = new DomainMetadata("vm-9", 3, SpecFingerprint.legacy(spec), plan.volumes(), List.of());
        assertThat(legacy.describes(spec)).isTrue();
        assertThat(legacy.describes(same)).isFalse();
    }
}
