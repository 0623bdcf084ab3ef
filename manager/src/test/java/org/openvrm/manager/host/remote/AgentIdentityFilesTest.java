package org.openvrm.manager.host.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.agent.remote.AgentIdentity;
import org.openvrm.protocol.wire.Keys;
import org.openvrm.protocol.wire.Pem;

/**
 * An agent's identity files across a renewal cut short by a crash (here, because certificates need the manager
 * CA to be made): before the commit point the old key and certificate are read back, after it the new pair,
 * never one half of each.
 */
class AgentIdentityFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aRenewalCutShortIsEitherNotSeenOrCompletedOnLoad() throws Exception {
        var ca = ManagerCa.openOrCreate(tmp.resolve("pki"), Clock.systemUTC(), Duration.ofDays(825));
        Path dir = tmp.resolve("agent");
        KeyPair oldKeys = Keys.newEcKeyPair();
        X509Certificate oldCert = issue(ca, oldKeys);
        new AgentIdentity("host-1", oldKeys.getPrivate(), oldCert, ca.certificate()).save(dir);
        KeyPair newKeys = Keys.newEcKeyPair();
        X509Certificate newCert = issue(ca, newKeys);

        // cut before the commit point: a half-written bundle under its temporary name
        Files.writeString(dir.resolve("agent.pem.next.tmp"), Pem.privateKey(newKeys.getPrivate()));
        AgentIdentity before = AgentIdentity.load(dir).orElseThrow();
        assertThat(before.certificate().getSerialNumber()).isEqualTo(oldCert.getSerialNumber());
        assertThat(before.key().getEncoded()).isEqualTo(oldKeys.getPrivate().getEncoded());

        // cut after it: the whole bundle is there, agent.key and agent.pem still old
        Keys.writeSecret(dir.resolve("agent.pem.next"), Pem.privateKey(newKeys.getPrivate())
                + Pem.certificate(newCert));
        AgentIdentity after = AgentIdentity.load(dir).orElseThrow();
        assertThat(after.certificate().getSerialNumber()).isEqualTo(newCert.getSerialNumber());
        assertThat(after.key().getEncoded()).isEqualTo(newKeys.getPrivate().getEncoded());
        assertThat(after.hostId()).isEqualTo("host-1");
        assertThat(Files.exists(dir.resolve("agent.pem.next"))).isFalse();
        assertThat(Pem.certificate(Files.readString(dir.resolve("agent.pem"))).getSerialNumber())
                .as("installed on disk, not only read").isEqualTo(newCert.getSerialNumber());
    }

    private static X509Certificate issue(ManagerCa ca, KeyPair keys) {
        return ca.issue("host-1", SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()), ca.newSerial());
    }
}
