package org.openvrm.driver.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.DomainSpec.NicSpec;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.MemTune;
import org.openvrm.driver.NicBandwidth;

/**
 * A digest of a spec, kept in the domain's metadata. Records print every component, so the digest of the record's
 * text tells a repeated define from a changed one. What changes on the host without a new spec is left out of it
 * ({@link #of}) and kept beside it in the metadata instead: the disk sizes (growDisk) and the QoS tuning (tune).
 *
 * <p>Domains defined by older versions carry digests of the spec text as those versions printed it, before the spec
 * had memory, disk and NIC tuning: {@link #preTuning} (disk sizes left out) and {@link #legacy} (whole spec). That
 * text is rebuilt here by hand, so that adding record components never makes an old domain look changed. A spec
 * with tuning those versions could not express cannot match them.
 */
final class SpecFingerprint {

    /** Never the digest of anything: an old-format fingerprint cannot describe a spec with newer tuning. */
    private static final String NO_MATCH = "-";

    private SpecFingerprint() {
    }

    /** The digest of everything but the disk sizes and the tuning. */
    static String of(DomainSpec spec) {
        DomainSpec neutral = new DomainSpec(spec.vmId(), spec.name(), spec.generation(), spec.vcpus(),
                spec.maxVcpus(), spec.memoryMb(),
                spec.disks().stream().map(d -> d.withSizeMb(1).withIoTune(IoTune.UNLIMITED)).toList(),
                spec.nics().stream().map(n -> n.withBandwidth(NicBandwidth.NONE)).toList(), spec.bootOrder(),
                DomainSpec.CpuTune.defaults(spec.vcpus()), MemTune.full(spec.memoryMb()));
        return digest(neutral.toString());
    }

    /** As domains defined before the tuning was kept apart carry it: the spec text of then, sizes left out. */
    static String preTuning(DomainSpec spec) {
        return oldText(spec, false).map(SpecFingerprint::digest).orElse(NO_MATCH);
    }

    /** As domains defined before disk sizes were kept apart carry it: the whole spec text of then. */
    static String legacy(DomainSpec spec) {
        return oldText(spec, true).map(SpecFingerprint::digest).orElse(NO_MATCH);
    }

    /** The spec's text as the record printed it before memory, disk and NIC tuning existed. */
    private static Optional<String> oldText(DomainSpec spec, boolean withSizes) {
        boolean newTuning = !spec.memTune().equals(MemTune.full(spec.memoryMb()))
                || spec.disks().stream().anyMatch(d -> d.ioTune().limited())
                || spec.nics().stream().anyMatch(n -> n.bandwidth().shaped());
        if (newTuning) {
            return Optional.empty();
        }
        String disks = spec.disks().stream().map(d -> oldDisk(d, withSizes)).collect(Collectors.joining(", "));
        String nics = spec.nics().stream().map(SpecFingerprint::oldNic).collect(Collectors.joining(", "));
        return Optional.of("DomainSpec[vmId=" + spec.vmId() + ", name=" + spec.name() + ", generation="
                + spec.generation() + ", vcpus=" + spec.vcpus() + ", maxVcpus=" + spec.maxVcpus() + ", memoryMb="
                + spec.memoryMb() + ", disks=[" + disks + "], nics=[" + nics + "], bootOrder=" + spec.bootOrder()
                + ", cpuTune=" + spec.cpuTune() + "]");
    }

    private static String oldDisk(DiskSpec d, boolean withSize) {
        return "DiskSpec[id=" + d.id() + ", sizeMb=" + (withSize ? d.sizeMb() : 1) + ", datastorePath="
                + d.datastorePath() + ", sourceImage=" + d.sourceImage() + ", thick=" + d.thick() + ", bus="
                + d.bus() + "]";
    }

    private static String oldNic(NicSpec n) {
        return "NicSpec[mac=" + n.mac() + ", network=" + n.network() + ", model=" + n.model() + "]";
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
