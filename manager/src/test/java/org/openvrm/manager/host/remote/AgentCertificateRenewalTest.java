package org.openvrm.manager.host.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.agent.remote.AgentIdentity;
import org.openvrm.agent.remote.RemoteAgent;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;
import org.openvrm.protocol.wire.AgentGateway;
import org.openvrm.protocol.wire.Keys;
import org.openvrm.protocol.wire.Pem;
import org.openvrm.protocol.wire.pb.RenewRequest;

/**
 * Certificate renewal end to end: a remote agent in this JVM against a real manager over the agent port, and raw
 * {@code Renew} calls made with the files an agent keeps (as a thief or a compromised host would make them).
 */
class AgentCertificateRenewalTest {

    @TempDir
    Path tmp;

    private TestManager m;

    @AfterEach
    void down() {
        if (m != null) {
            m.close();
        }
    }

    /** The store under test; {@link AgentCertificateRenewalPostgresTest} runs the same on PostgreSQL. */
    TestStores.Kind store() {
        return TestStores.Kind.EMBEDDED;
    }

    private void start(Duration validity) {
        m = TestManager.start(store(), c -> c.withAgentCertValidity(validity));
    }

    private Api api() {
        return m.api();
    }

    private String token(String cluster, String hostName) {
        var r = api().post("/hosts/tokens", "{\"clusterId\":\"" + cluster + "\",\"hostName\":\"" + hostName + "\"}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("token").asText();
    }

    private JsonNode host(String name) {
        return api().get("/hosts?name=" + name).body().path("items").path(0);
    }

    private Jdbi db() {
        return Jdbi.create(m.store().jdbcUrl(), m.store().user(), m.store().password());
    }

    /**
     * With 30 s certificates (due after 22 s), the agent renews on its own: a new key and certificate in its data
     * dir (other serial, later expiry, the same host), recorded as renewing the first; and once the first has
     * expired, the agent still connects after the manager restarts, so it dials with a renewed one.
     */
    @Test
    void anAgentRenewsItsShortLivedCertificateAndReconnectsWithTheNewOneAfterTheOldExpired() throws Exception {
        start(Duration.ofSeconds(30));
        String cluster = api().create("/clusters", "{\"name\":\"renew\"}");
        Path data = tmp.resolve("agent");
        try (var a = new AgentStandIn(m.agentTarget(), data, token(cluster, "short-1"))) {
            await(() -> host("short-1").path("state").asText().equals("CONNECTED"), 60);
            String hostId = host("short-1").get("id").asText();
            AgentIdentity first = AgentIdentity.load(data).orElseThrow();
            byte[] firstKey = Files.readAllBytes(data.resolve("agent.key"));

            await(() -> !certificateIn(data).getSerialNumber().equals(first.certificate().getSerialNumber()), 60);
            AgentIdentity renewed = AgentIdentity.load(data).orElseThrow();
            X509Certificate cert = renewed.certificate();
            assertThat(renewed.hostId()).isEqualTo(hostId);
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + hostId);
            assertThat(cert.getNotAfter()).isAfter(first.certificate().getNotAfter());
            cert.verify(first.ca().getPublicKey());
            assertThat(Files.readAllBytes(data.resolve("agent.key"))).as("a new key").isNotEqualTo(firstKey);
            assertThat(Files.getPosixFilePermissions(data.resolve("agent.key")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertKeyMatches(renewed.key(), cert);
            assertThat(Files.exists(data.resolve("agent.pem.next"))).isFalse();
            String firstSerial = first.certificate().getSerialNumber().toString(16);
            db().useHandle(h -> assertThat(h.createQuery("SELECT host_id FROM agent_certificates "
                    + "WHERE renewed_from = :s").bind("s", firstSerial).mapTo(String.class).list())
                    .containsExactly(hostId));

            // the first certificate expires; then the session drops (a manager restart) and the agent dials again
            Instant expired = first.certificate().getNotAfter().toInstant().plusSeconds(1);
            while (Instant.now().isBefore(expired)) {
                Api.sleep(200);
            }
            m.restart();
            await(() -> host("short-1").path("state").asText().equals("CONNECTED"), 60);
            assertThat(a.done).as("still running, not refused").isNotDone();
        }
    }

    /** Renew names no host: the answer is for the caller's certificate's host, and only for a key not on record. */
    @Test
    void aRenewalIsForTheCallersOwnHostAndANewKeyOnly() throws Exception {
        start(Duration.ofDays(825));
        String cluster = api().create("/clusters", "{\"name\":\"renew\"}");
        Path dataA = tmp.resolve("a");
        Path dataB = tmp.resolve("b");
        try (var a = new AgentStandIn(m.agentTarget(), dataA, token(cluster, "own-a"));
             var b = new AgentStandIn(m.agentTarget(), dataB, token(cluster, "own-b"))) {
            await(() -> host("own-a").path("state").asText().equals("CONNECTED")
                    && host("own-b").path("state").asText().equals("CONNECTED"), 60);
        }
        AgentIdentity a = AgentIdentity.load(dataA).orElseThrow();
        AgentIdentity b = AgentIdentity.load(dataB).orElseThrow();

        KeyPair fresh = Keys.newEcKeyPair();
        X509Certificate cert = renew(a.key(), a.certificate(), a.ca(), fresh.getPublic().getEncoded());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + a.hostId());
        cert.verify(a.ca().getPublicKey());
        assertThat(cert.getPublicKey().getEncoded()).isEqualTo(fresh.getPublic().getEncoded());
        assertThat(rowsOf(b.hostId())).as("nothing issued for the other host").isEqualTo(1);
        assertThat(rowsOf(a.hostId())).isEqualTo(2);

        // another host's key, its own current key, the key just renewed, or no key at all: refused, nothing issued
        for (byte[] key : new byte[][] {b.certificate().getPublicKey().getEncoded(),
                a.certificate().getPublicKey().getEncoded(), fresh.getPublic().getEncoded(), new byte[] {1, 2, 3}}) {
            assertThatThrownBy(() -> renew(a.key(), a.certificate(), a.ca(), key))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
        assertThat(rowsOf(a.hostId()) + rowsOf(b.hostId())).isEqualTo(3);
    }

    /**
     * Removing a host revokes all its certificates, the renewed ones too: it cannot renew, and an agent with the
     * old or the new certificate cannot reconnect.
     */
    @Test
    void aRemovedHostCannotRenewNorReconnectWithTheOldOrTheRenewedCertificate() throws Exception {
        start(Duration.ofDays(825));
        String cluster = api().create("/clusters", "{\"name\":\"renew\"}");
        Path old = tmp.resolve("old");
        AgentIdentity id;
        KeyPair newKeys = Keys.newEcKeyPair();
        X509Certificate newCert;
        try (var a = new AgentStandIn(m.agentTarget(), old, token(cluster, "gone-1"))) {
            await(() -> host("gone-1").path("state").asText().equals("CONNECTED"), 60);
            id = AgentIdentity.load(old).orElseThrow();
            newCert = renew(id.key(), id.certificate(), id.ca(), newKeys.getPublic().getEncoded());
            assertThat(api().delete("/hosts/" + id.hostId()).status()).isEqualTo(202);
            assertThat(a.failure()).isInstanceOf(RemoteAgent.Refused.class);
        }
        db().useHandle(h -> assertThat(h.createQuery("SELECT COUNT(*) FROM agent_certificates WHERE host_id = :h "
                + "AND revoked_ms IS NOT NULL").bind("h", id.hostId()).mapTo(Long.class).one()).isEqualTo(2));

        for (var pair : new Object[][] {{id.key(), id.certificate()}, {newKeys.getPrivate(), newCert}}) {
            assertThatThrownBy(() -> renew((PrivateKey) pair[0], (X509Certificate) pair[1], id.ca(),
                    Keys.newEcKeyPair().getPublic().getEncoded()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        }
        try (var again = new AgentStandIn(m.agentTarget(), old, null)) {
            assertThat(again.failure()).isInstanceOf(RemoteAgent.Refused.class).hasMessageContaining("revoked");
        }
        Path renewedDir = tmp.resolve("renewed");
        new AgentIdentity(id.hostId(), newKeys.getPrivate(), newCert, id.ca()).save(renewedDir);
        try (var again = new AgentStandIn(m.agentTarget(), renewedDir, null)) {
            assertThat(again.failure()).isInstanceOf(RemoteAgent.Refused.class).hasMessageContaining("revoked");
        }
        assertThat(rowsOf(id.hostId())).as("nothing issued after the removal").isEqualTo(2);
    }

    /**
     * Renew needs what Session needs: without a client certificate it is refused; with one from another CA (here
     * naming a real host) the TLS handshake itself fails. Nothing is issued either way.
     */
    @Test
    void noCertificateOrAForeignCertificateCannotRenew() throws Exception {
        start(Duration.ofDays(825));
        String cluster = api().create("/clusters", "{\"name\":\"renew\"}");
        Path data = tmp.resolve("agent");
        try (var a = new AgentStandIn(m.agentTarget(), data, token(cluster, "real-1"))) {
            await(() -> host("real-1").path("state").asText().equals("CONNECTED"), 60);
        }
        AgentIdentity real = AgentIdentity.load(data).orElseThrow();
        byte[] key = Keys.newEcKeyPair().getPublic().getEncoded();

        assertThatThrownBy(() -> renew(null, null, real.ca(), key))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));

        var foreign = ManagerCa.openOrCreate(tmp.resolve("foreign-pki"), Clock.systemUTC(), Duration.ofDays(825));
        KeyPair thief = Keys.newEcKeyPair();
        X509Certificate forged = foreign.issue(real.hostId(), SubjectPublicKeyInfo.getInstance(
                thief.getPublic().getEncoded()), real.certificate().getSerialNumber()); // even its serial
        assertThatThrownBy(() -> renew(thief.getPrivate(), forged, real.ca(), key))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThat(rowsOf(real.hostId())).isEqualTo(1);
    }

    /**
     * The manager renews its own agent-port certificate on start when less than a third is left; agents trust the
     * CA, not that leaf, so a registered agent connects again with nothing changed on its side.
     */
    @Test
    void theManagerRenewsItsAgentPortCertificateOnStartWhenNearExpiry() throws Exception {
        start(Duration.ofDays(825));
        String cluster = api().create("/clusters", "{\"name\":\"renew\"}");
        Path data = tmp.resolve("agent");
        try (var a = new AgentStandIn(m.agentTarget(), data, token(cluster, "port-1"))) {
            await(() -> host("port-1").path("state").asText().equals("CONNECTED"), 60);
        }
        Path pki = m.dataDir().resolve("pki");
        X509Certificate[] aged = new X509Certificate[1];
        m.restart(() -> {
            // while stopped: an agent-port certificate issued 600 of its 825 days ago, by the same CA
            try {
                Files.delete(pki.resolve("agent-port.key"));
                Files.delete(pki.resolve("agent-port.pem"));
                aged[0] = ManagerCa.openOrCreate(pki, Clock.offset(Clock.systemUTC(), Duration.ofDays(-600)),
                        Duration.ofDays(825)).serverCertificate();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        X509Certificate now = certificateIn(pki.resolve("agent-port.pem"));
        assertThat(now.getSerialNumber()).isNotEqualTo(aged[0].getSerialNumber());
        assertThat(now.getNotAfter()).isAfter(Instant.now().plus(Duration.ofDays(824)));
        try (var a = new AgentStandIn(m.agentTarget(), data, null)) {
            await(() -> host("port-1").path("state").asText().equals("CONNECTED"), 60);
        }
    }

    // ---- helpers ----

    /** A Renew call as anyone holding these files would make it; a null key and certificate present none. */
    private X509Certificate renew(PrivateKey key, X509Certificate cert, X509Certificate trustedCa, byte[] publicKey)
            throws Exception {
        var creds = TlsChannelCredentials.newBuilder().trustManager(pem(Pem.certificate(trustedCa)));
        if (cert != null) {
            creds.keyManager(pem(Pem.certificate(cert)), pem(Pem.privateKey(key)));
        }
        ManagedChannel ch = NettyChannelBuilder.forTarget(m.agentTarget(), creds.build())
                .overrideAuthority(ManagerCa.SERVER_NAME).build();
        try {
            var reply = ClientCalls.blockingUnaryCall(ch, AgentGateway.RENEW,
                    CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                    RenewRequest.newBuilder().setPublicKey(ByteString.copyFrom(publicKey)).build());
            return Pem.certificate(reply.getCertificatePem());
        } finally {
            ch.shutdownNow();
        }
    }

    private long rowsOf(String hostId) {
        return db().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM agent_certificates WHERE host_id = :h")
                .bind("h", hostId).mapTo(Long.class).one());
    }

    private static ByteArrayInputStream pem(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static X509Certificate certificateIn(Path dataDirOrFile) {
        Path file = Files.isDirectory(dataDirOrFile) ? dataDirOrFile.resolve("agent.pem") : dataDirOrFile;
        try {
            return Pem.certificate(Files.readString(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The private key is the certificate's: what it signs, the certificate's public key verifies. */
    private static void assertKeyMatches(PrivateKey key, X509Certificate cert) throws Exception {
        byte[] data = "renewed".getBytes(StandardCharsets.US_ASCII);
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(key);
        sign.update(data);
        byte[] signature = sign.sign();
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(cert.getPublicKey());
        verify.update(data);
        assertThat(verify.verify(signature)).as("key and certificate belong together").isTrue();
    }

    private static void await(BooleanSupplier condition, int seconds) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in " + seconds + " s");
            }
            Api.sleep(100);
        }
    }
}
