package org.openvrm.driver.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.openvrm.driver.DomainSpec;

/**
 * A digest of a spec, kept in the domain's metadata. Two specs are equal exactly when their records are equal, and
 * records print every component, so the digest of the record's text tells a repeated define from a changed one.
 */
final class SpecFingerprint {

    private SpecFingerprint() {
    }

    static String of(DomainSpec spec) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(spec.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
