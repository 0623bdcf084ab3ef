package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.DomainSpec.NicSpec;
import org.openvrm.driver.VirtualizationType;

/**
 * The writer against golden files in src/test/resources/golden, compared line by line after trimming each line.
 * Run with {@code -Dgolden.update=true} to rewrite them after an intended change, then review the diff.
 */
class DomainXmlWriterTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final HostFacts TCG = new HostFacts(VirtualizationType.QEMU_TCG, "/usr/bin/qemu-system-x86_64", "pc");
    private static final HostFacts KVM = new HostFacts(VirtualizationType.KVM, "/usr/bin/qemu-system-x86_64", "pc");

    /** One golden case: a spec on a host, and the file holding its XML. */
    record Case(String file, DomainSpec spec, HostFacts facts) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Case> cases() {
        DiskSpec root = new DiskSpec("root", 1024, "/var/lib/openvrm/ds1", "/var/lib/openvrm/images/tiny.qcow2",
                false, "virtio");
        DiskSpec data = new DiskSpec("data", 2048, "/var/lib/openvrm/ds2", null, true, "virtio");
        DiskSpec scsi = new DiskSpec("logs", 512, "/var/lib/openvrm/ds1", null, false, "scsi");
        NicSpec lan = new NicSpec("52:54:00:AA:00:01", "br-lan", "virtio");
        NicSpec mgmt = new NicSpec("52:54:00:aa:00:02", "br-mgmt", "e1000");
        return Stream.of(
                // 1 vCPU, 256 MB, one linked-clone disk, no NIC, boots from disk
                new Case("minimal-tcg.xml", new DomainSpec("vm-1", "tiny", 1, 1, 1, 256, List.of(root), List.of(),
                        List.of("disk")), TCG),
                // the same on a KVM host: type='kvm' and a host-model CPU
                new Case("minimal-kvm.xml", new DomainSpec("vm-1", "tiny", 1, 1, 1, 256, List.of(root), List.of(),
                        List.of("disk")), KVM),
                // 2 of 4 vCPUs, 2 disks (vda, vdb), 2 NICs, network boot first: NIC order 1, disk order 2
                new Case("two-disks-two-nics.xml", new DomainSpec("vm-2", "web <01> & 'co'", 7, 2, 4, 2048,
                        List.of(root, data), List.of(lan, mgmt), List.of("network", "disk")), TCG),
                // cdrom is skipped (no CD-ROM devices), disk first (1), network (2); a scsi disk gets sda + controller
                new Case("boot-order-scsi.xml", new DomainSpec("vm-3", "db", 2, 1, 2, 1024, List.of(root, scsi),
                        List.of(lan), List.of("cdrom", "disk", "network")), TCG),
                // no boot order at all: no <boot> elements, SeaBIOS' default order
                new Case("no-boot-order.xml", new DomainSpec("vm/4", "odd id", 1, 1, 1, 128, List.of(root),
                        List.of(lan), List.of()), TCG),
                // HIGH shares on 2 vCPUs and a limit of one core: <cputune> with a per-vCPU quota of half a period
                new Case("cpu-limit.xml", new DomainSpec("vm-5", "capped", 1, 2, 2, 256, List.of(root), List.of(),
                        List.of("disk"), new DomainSpec.CpuTune(4000, 100_000, 50_000)), KVM));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesGoldenFile(Case c) throws IOException {
        String xml = new DomainXmlWriter().write(plan(c.spec()), c.facts());
        Path file = GOLDEN.resolve(c.file());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        }
        assertThat(normalize(xml)).isEqualTo(normalize(Files.readString(file, StandardCharsets.UTF_8)));
    }

    @Test
    void writtenMetadataReadsBack() {
        Case c = cases().toList().get(2);
        DomainPlan plan = plan(c.spec());
        DomainMetadata read = DomainMetadata.parse(new DomainXmlWriter().write(plan, TCG)).orElseThrow();
        assertThat(read).isEqualTo(new DomainMetadata("vm-2", 7, plan.fingerprint(), plan.volumes(),
                List.of(new DomainMetadata.Disk("root", 1024, false), new DomainMetadata.Disk("data", 2048, true))));
        assertThat(read.describes(c.spec())).isTrue();
        assertThat(read.diskIndex("data")).isEqualTo(1);
        assertThat(read.diskIndex("nope")).isEqualTo(-1);
    }

    @Test
    void foreignXmlHasNoMetadata() {
        assertThat(DomainMetadata.parse("<domain type='qemu'><name>other</name><metadata/></domain>")).isEmpty();
    }

    @Test
    void unknownBootKindOrBusIsRefused() {
        DiskSpec disk = new DiskSpec("d", 1, "/ds", null, false, "virtio");
        DomainSpec badBoot = new DomainSpec("v", "v", 1, 1, 1, 64, List.of(disk), List.of(), List.of("floppy"));
        assertThatThrownBy(() -> new DomainXmlWriter().write(plan(badBoot), TCG)).hasMessageContaining("floppy");
        DomainSpec badBus = new DomainSpec("v", "v", 1, 1, 1, 64,
                List.of(new DiskSpec("d", 1, "/ds", null, false, "nvme")), List.of(), List.of());
        assertThatThrownBy(() -> new DomainXmlWriter().write(plan(badBus), TCG)).hasMessageContaining("nvme");
    }

    @Test
    void diskLettersFollowLibvirt() {
        assertThat(List.of(0, 1, 25, 26, 27, 701).stream().map(DomainXmlWriter::letters).toList())
                .containsExactly("a", "b", "z", "aa", "ab", "zz");
    }

    @Test
    void fingerprintChangesWithAnyField() {
        DomainSpec a = cases().toList().get(0).spec();
        DomainSpec b = new DomainSpec(a.vmId(), a.name(), a.generation() + 1, a.vcpus(), a.maxVcpus(), a.memoryMb(),
                a.disks(), a.nics(), a.bootOrder());
        assertThat(SpecFingerprint.of(a)).isEqualTo(SpecFingerprint.of(cases().toList().get(0).spec()))
                .isNotEqualTo(SpecFingerprint.of(b));
    }

    @Test
    void fingerprintChangesWithCpuTune() {
        DomainSpec a = cases().toList().get(0).spec();
        DomainSpec limited = new DomainSpec(a.vmId(), a.name(), a.generation(), a.vcpus(), a.maxVcpus(), a.memoryMb(),
                a.disks(), a.nics(), a.bootOrder(), new DomainSpec.CpuTune(1000, 100_000, 50_000));
        DomainSpec heavier = new DomainSpec(a.vmId(), a.name(), a.generation(), a.vcpus(), a.maxVcpus(),
                a.memoryMb(), a.disks(), a.nics(), a.bootOrder(), new DomainSpec.CpuTune(2000, 100_000, -1));
        assertThat(a.cpuTune()).isEqualTo(DomainSpec.CpuTune.defaults(1));
        assertThat(SpecFingerprint.of(limited)).isNotEqualTo(SpecFingerprint.of(a));
        assertThat(SpecFingerprint.of(heavier)).isNotEqualTo(SpecFingerprint.of(a))
                .isNotEqualTo(SpecFingerprint.of(limited));
    }

    @Test
    void quotaIsWrittenOnlyWhenLimited() {
        DomainSpec a = cases().toList().get(0).spec();
        String unlimited = new DomainXmlWriter().write(plan(a), TCG);
        assertThat(unlimited).contains("<shares>1000</shares>", "<period>100000</period>").doesNotContain("<quota>");
    }

    @Test
    void cpuTuneRefusesValuesLibvirtWouldRefuse() {
        assertThatThrownBy(() -> new DomainSpec.CpuTune(1, 100_000, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DomainSpec.CpuTune(1000, 999, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DomainSpec.CpuTune(1000, 100_000, 999))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static DomainPlan plan(DomainSpec spec) {
        String name = Names.domainName("vrm-", spec.vmId());
        return new DomainPlan(spec, name, Names.domainUuid(spec.vmId()), Volumes.paths(spec),
                "/var/log/libvirt/qemu/" + name + "-serial.log", SpecFingerprint.of(spec));
    }

    private static String normalize(String xml) {
        return xml.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
