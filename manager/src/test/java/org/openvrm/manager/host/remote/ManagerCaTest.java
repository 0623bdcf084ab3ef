package org.openvrm.manager.host.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.protocol.wire.Keys;
import org.openvrm.protocol.wire.Pem;

/**
 * The manager CA's own files: the agent-port certificate is renewed on start once less than a third of its 825 days
 * is left (same CA, new key), kept otherwise; a renewal cut short by a crash is completed or never begun; host
 * certificates take the configured validity.
 */
class ManagerCaTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DAYS_825 = Duration.ofDays(825);

    @TempDir
    Path pki;

    private ManagerCa openAt(Instant now) {
        return ManagerCa.openOrCreate(pki, Clock.fixed(now, ZoneOffset.UTC), DAYS_825);
    }

    @Test
    void theAgentPortCertificateIsKeptUntilTwoThirdsAreGoneThenRenewedOnStart() throws Exception {
        ManagerCa first = openAt(T0);
        X509Certificate original = first.serverCertificate();

        // 825 d x 2/3 = 550 d (+ the 5 min backdating): at 500 days more than a third is left
        ManagerCa kept = openAt(T0.plus(Duration.ofDays(500)));
        assertThat(kept.serverCertificate().getSerialNumber()).isEqualTo(original.getSerialNumber());

        Instant later = T0.plus(Duration.ofDays(600));
        ManagerCa renewed = openAt(later);
        X509Certificate now = renewed.serverCertificate();
        assertThat(now.getSerialNumber()).isNotEqualTo(original.getSerialNumber());
        assertThat(now.getNotAfter().toInstant()).isEqualTo(later.plus(DAYS_825));
        assertThat(now.getSubjectX500Principal()).isEqualTo(original.getSubjectX500Principal());
        now.verify(first.certificate().getPublicKey()); // signed by the same CA: agents trust it unchanged
        assertThat(renewed.certificate()).isEqualTo(first.certificate());
        assertThat(renewed.serverKey().getEncoded()).isNotEqualTo(first.serverKey().getEncoded());
        // the files hold the new pair (a restart reads it back) and the key stays private
        assertThat(Pem.certificate(Files.readString(pki.resolve("agent-port.pem"))).getSerialNumber())
                .isEqualTo(now.getSerialNumber());
        assertThat(Files.getPosixFilePermissions(pki.resolve("agent-port.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.exists(pki.resolve("agent-port.pem.next"))).isFalse();
        assertThat(openAt(later.plusSeconds(60)).serverCertificate().getSerialNumber())
                .as("not renewed again").isEqualTo(now.getSerialNumber());
    }

    @Test
    void aRenewalCutShortAfterItsCommitIsCompletedAndOneCutShortBeforeIsNeverSeen() throws Exception {
        ManagerCa ca = openAt(T0);
        var keys = Keys.newEcKeyPair();
        X509Certificate replacement = ca.issue("stand-in", SubjectPublicKeyInfo.getInstance(
                keys.getPublic().getEncoded()), ca.newSerial());

        // crash before the commit point: only the temp file of the bundle exists; the old pair stays
        Files.writeString(pki.resolve("agent-port.pem.next.tmp"), "-----BEGIN PRIVATE KEY-----\nAAA");
        assertThat(openAt(T0).serverCertificate().getSerialNumber())
                .isEqualTo(ca.serverCertificate().getSerialNumber());

        // crash after it: the bundle is whole, the two files still old; the next open installs both
        Keys.writeSecret(pki.resolve("agent-port.pem.next"), Pem.privateKey(keys.getPrivate())
                + Pem.certificate(replacement));
        ManagerCa reopened = openAt(T0);
        assertThat(reopened.serverCertificate().getSerialNumber()).isEqualTo(replacement.getSerialNumber());
        assertThat(reopened.serverKey().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(Files.exists(pki.resolve("agent-port.pem.next"))).isFalse();
    }

    @Test
    void hostCertificatesTakeTheConfiguredValidityBackdatedByATenthAtMost() throws Exception {
        var ca = ManagerCa.openOrCreate(pki, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(30));
        var keys = Keys.newEcKeyPair();
        X509Certificate cert = ca.issue("host-1", SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
                ca.newSerial());
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(T0.plusSeconds(30));
        // 3 s back, not 5 min: a 30 s certificate is born with far more than a third left, so not renewed at once
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(T0.minusSeconds(3));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=host-1");
    }
}
