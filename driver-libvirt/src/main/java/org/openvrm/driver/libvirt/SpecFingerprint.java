package org.openvrm.driver.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.openvrm.driver.DomainSpec;

/**
 * A digest of a spec, kept in the domain's metadata. Records print every component, so the digest of the record's
 * text tells a repeated define from a changed one. Disk sizes are left out of it ({@link #of}) and kept beside it in
 * the metadata instead, because growDisk changes them on the host without a new spec.
 */
final class SpecFingerprint {

    private SpecFingerprint() {
    }

    /** The digest of everything but the disk sizes. */
    static String of(DomainSpec spec) {
        return digest(withoutSizes(spec).toString());
    }

    /** The digest of the whole spec, as domains defined before disk sizes were kept apart carry it. */
    static String legacy(DomainSpec spec) {
        return digest(spec.toString());
    }

    private static DomainSpec withoutSizes(DomainSpec spec) {
        return new DomainSpec(spec.vmId(), spec.name(), spec.generation(), spec.vcpus(), spec.maxVcpus(),
                spec.memoryMb(), spec.disks().stream().map(d -> d.withSizeMb(1)).toList(), spec.nics(),
                spec.bootOrder(), spec.cpuTune(), spec.memTune());
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
