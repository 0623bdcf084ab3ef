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
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.MemTune;
import org.openvrm.driver.NicBandwidth;
import org.openvrm.driver.Tuning;
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
                        List.of("disk"), new DomainSpec.CpuTune(4000, 100_000, 50_000)), KVM),
                // memory, disk and NIC QoS: balloon 192 of 256 MiB (<currentMemory>), 64 MiB soft limit (<memtune>),
                // the root disk's write limit and total IOPS (<iotune>, only those two), the data disk unlimited (no
                // <iotune>), the NIC shaped in the metadata only (tc does it, not <bandwidth>)
                new Case("memory-disk-nic-qos.xml", qosSpec(root, data, lan), TCG));
    }

    static DomainSpec qosSpec(DiskSpec root, DiskSpec data, NicSpec lan) {
        return new DomainSpec("vm-6", "tuned", 2, 1, 1, 256,
                List.of(root.withIoTune(new IoTune(0, 2_097_152, 0, 0, 0, 300)), data),
                List.of(lan.withBandwidth(new NicBandwidth(new Bandwidth(1000, 2000, 256), new Bandwidth(500, 0, 0)))),
                List.of("disk"), DomainSpec.CpuTune.defaults(1), new MemTune(192, 64));
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
                List.of(new DomainMetadata.Disk("root", 1024, false), new DomainMetadata.Disk("data", 2048, true)),
                java.util.Optional.of(c.spec().tuning())));
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
    void theTuningLivesBesideTheFingerprintSoADifferentTuningIsADifferentSpec() {
        DomainSpec a = cases().toList().get(0).spec();
        DomainSpec limited = new DomainSpec(a.vmId(), a.name(), a.generation(), a.vcpus(), a.maxVcpus(), a.memoryMb(),
                a.disks(), a.nics(), a.bootOrder(), new DomainSpec.CpuTune(1000, 100_000, 50_000));
        DomainSpec ballooned = a.withTuning(new Tuning(a.cpuTune(), new MemTune(128, 0), a.tuning().disks(),
                a.tuning().nics()));
        assertThat(a.cpuTune()).isEqualTo(DomainSpec.CpuTune.defaults(1));
        // the fingerprint leaves the tuning out (tune changes it without a new spec) ...
        assertThat(SpecFingerprint.of(limited)).isEqualTo(SpecFingerprint.of(a)).isEqualTo(SpecFingerprint.of(ballooned));
        // ... and the recorded tuning tells the specs apart
        DomainMetadata written = DomainMetadata.parse(new DomainXmlWriter().write(plan(a), TCG)).orElseThrow();
        assertThat(written.describes(a)).isTrue();
        assertThat(written.describes(limited)).isFalse();
        assertThat(written.describes(ballooned)).isFalse();
    }

    @Test
    void aTuneIsRecordedInTheMetadataWithTheGenerationKept() {
        DomainSpec a = cases().toList().get(2).spec();
        String xml = new DomainXmlWriter().write(plan(a), TCG);
        Tuning t = new Tuning(new DomainSpec.CpuTune(1500, 100_000, 50_000), new MemTune(1536, 512),
                java.util.Map.of("root", new IoTune(0, 1_048_576, 0, 0, 100, 0), "data", IoTune.UNLIMITED),
                java.util.Map.of("52:54:00:AA:00:01", NicBandwidth.NONE, "52:54:00:aa:00:02",
                        new NicBandwidth(Bandwidth.NONE, new Bandwidth(800, 0, 0))));
        String tuned = DomainMetadata.withTuning(xml, t);
        DomainMetadata read = DomainMetadata.parse(tuned).orElseThrow();
        assertThat(read.tuning()).contains(t);
        assertThat(read.generation()).isEqualTo(a.generation());
        assertThat(read.describes(a.withTuning(t))).isTrue();
        assertThat(read.describes(a)).isFalse();
        assertThat(DomainMetadata.parse(DomainMetadata.withTuning(tuned, a.tuning())).orElseThrow().describes(a))
                .as("tuned back").isTrue();
        assertThat(tuned).contains("<memory unit=\"MiB\">2048</memory>"); // the rest of the XML kept
    }

    @Test
    void domainsOfTheVersionBeforeTuningAreMatchedByThatVersionsSpecText() {
        DomainSpec a = cases().toList().get(0).spec();
        // what DomainSpec.toString printed before memory, disk and NIC tuning existed, disk sizes as 1
        String before = "DomainSpec[vmId=vm-1, name=tiny, generation=1, vcpus=1, maxVcpus=1, memoryMb=256, "
                + "disks=[DiskSpec[id=root, sizeMb=1, datastorePath=/var/lib/openvrm/ds1, "
                + "sourceImage=/var/lib/openvrm/images/tiny.qcow2, thick=false, bus=virtio]], nics=[], "
                + "bootOrder=[disk], cpuTune=CpuTune[shares=1000, periodMicros=100000, quotaMicros=-1]]";
        DomainMetadata old = new DomainMetadata("vm-1", 1, sha(before), plan(a).volumes(),
                List.of(new DomainMetadata.Disk("root", 1024, false)));
        assertThat(old.describes(a)).isTrue();
        assertThat(old.describes(org.openvrm.driver.ContractFixture.nextGeneration(a))).isFalse();
        DomainSpec ballooned = a.withTuning(new Tuning(a.cpuTune(), new MemTune(128, 0), a.tuning().disks(),
                a.tuning().nics()));
        assertThat(old.describes(ballooned)).as("tuning the old version could not express").isFalse();
    }

    @Test
    void aDomainOfTheVersionBeforeTuningIsTunedAndStillMatchedThroughItsOldFingerprint() {
        DomainSpec a = cases().toList().get(2).spec(); // two disks, two NICs, one MAC upper-case
        String xml = new DomainXmlWriter().write(plan(a), TCG);
        // as the version before wrote it: no <openvrm:tuning>, the fingerprint of that version's spec text
        String old = xml.replaceAll("(?s)<openvrm:tuning .*?</openvrm:tuning>\\s*", "")
                .replace(plan(a).fingerprint(), SpecFingerprint.preTuning(a));
        DomainMetadata before = DomainMetadata.parse(old).orElseThrow();
        assertThat(before.tuning()).isEmpty();
        assertThat(before.describes(a)).isTrue();
        assertThat(DomainXmlReader.cputune(old)).isEqualTo(a.cpuTune());

        Tuning t = new Tuning(new DomainSpec.CpuTune(1500, 100_000, 50_000), new MemTune(1024, 0),
                a.tuning().disks(), a.tuning().nics());
        String tuned = DomainMetadata.withTuning(old, t, java.util.Optional.of(a.tuning()));
        DomainMetadata after = DomainMetadata.parse(tuned).orElseThrow();
        assertThat(after.fingerprinted()).contains(a.tuning());
        assertThat(after.describes(a.withTuning(t))).isTrue();
        assertThat(after.describes(a)).isFalse();
        assertThat(after.describes(org.openvrm.driver.ContractFixture.nextGeneration(a).withTuning(t))).isFalse();
        // tuned again, back: the tuning the old fingerprint covers stays recorded
        DomainMetadata back = DomainMetadata.parse(DomainMetadata.withTuning(tuned, a.tuning())).orElseThrow();
        assertThat(back.fingerprinted()).contains(a.tuning());
        assertThat(back.describes(a)).isTrue();
        assertThat(back.describes(a.withTuning(t))).isFalse();
    }

    private static String sha(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
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
