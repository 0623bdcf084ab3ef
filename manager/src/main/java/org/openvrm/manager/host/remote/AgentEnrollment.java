package org.openvrm.manager.host.remote;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jdbi.v3.core.Handle;
import org.openvrm.api.HostToken;
import org.openvrm.api.HostTokenCreate;
import org.openvrm.manager.Ids;
import org.openvrm.manager.cluster.ClusterService;
import org.openvrm.manager.error.ApiException;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.host.HostState;
import org.openvrm.manager.host.remote.AgentRefused.Kind;
import org.openvrm.manager.store.Database;
import org.openvrm.protocol.wire.BootstrapToken;

/**
 * Who may be an agent: bootstrap tokens (made through the API, used once), the registration that turns a token
 * and a public key into a host and its certificate, the check of a certificate on every session, and revocation.
 */
public final class AgentEnrollment {

    static final long DEFAULT_TTL_SECONDS = 3600;
    static final long MAX_TTL_SECONDS = 7 * 24 * 3600;

    private final Database db;
    private final ClusterService clusters;
    private final HostService hosts;
    private final ManagerCa ca;
    private final Clock clock;
    private final Ids ids;
    private final SecureRandom random = new SecureRandom();

    public AgentEnrollment(Database db, ClusterService clusters, HostService hosts, ManagerCa ca, Clock clock,
                           Ids ids) {
        this.db = db;
        this.clusters = clusters;
        this.hosts = hosts;
        this.ca = ca;
        this.clock = clock;
        this.ids = ids;
    }

    /** A new one-time token; the secret is in the answer only, the store keeps its hash. */
    public HostToken createToken(HostTokenCreate req) {
        var v = new Validator();
        v.required("clusterId", req.clusterId());
        if (req.hostName() != null) {
            v.name("hostName", req.hostName());
        }
        if (req.ttlSeconds() != null) {
            v.range("ttlSeconds", req.ttlSeconds(), 60, MAX_TTL_SECONDS, "s");
        }
        v.throwIfInvalid();
        clusters.require("clusterId", req.clusterId());
        if (req.hostName() != null && hosts.all().stream().anyMatch(h -> h.name().equals(req.hostName()))) {
            throw new ApiException.Conflict("NAME_TAKEN", "hostName", "a host named '" + req.hostName()
                    + "' already exists");
        }
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String id = ids.next("tok").replaceAll("[^a-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
        var token = new BootstrapToken(id, Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes),
                ca.sha256());
        Instant now = clock.instant();
        Instant expires = now.plusSeconds(req.ttlSeconds() == null ? DEFAULT_TTL_SECONDS : req.ttlSeconds());
        db.txVoid(h -> h.createUpdate("INSERT INTO bootstrap_tokens (id, secret_sha256, cluster_id, host_name, "
                        + "created_ms, expires_ms) VALUES (:id, :hash, :cluster, :name, :created, :expires)")
                .bind("id", id).bind("hash", sha256(token.secret())).bind("cluster", req.clusterId())
                .bind("name", req.hostName()).bind("created", now.toEpochMilli())
                .bind("expires", expires.toEpochMilli()).execute());
        return new HostToken(id, token.text(), req.clusterId(), req.hostName(), expires, ca.sha256());
    }

    /** A registered host: its id and name and the certificate the CA issued for the agent's key. */
    public record Registration(String hostId, String hostName, X509Certificate certificate) {}

    /**
     * Consumes the token and creates the host with its certificate, all in one transaction: a token works once,
     * and a refused registration leaves nothing behind (not even a used token).
     */
    public Registration register(String tokenText, byte[] publicKeyDer, String proposedName) {
        BootstrapToken token;
        try {
            token = BootstrapToken.parse(tokenText);
        } catch (IllegalArgumentException e) {
            throw new AgentRefused(Kind.UNAUTHENTICATED, "invalid bootstrap token: " + e.getMessage());
        }
        SubjectPublicKeyInfo key;
        try {
            key = SubjectPublicKeyInfo.getInstance(publicKeyDer);
        } catch (RuntimeException e) {
            throw new AgentRefused(Kind.INVALID_ARGUMENT, "public_key is not an X.509 SubjectPublicKeyInfo");
        }
        var row = db.read(h -> h.createQuery("SELECT secret_sha256, cluster_id, host_name, expires_ms, used_ms, "
                        + "used_by_host FROM bootstrap_tokens WHERE id = :id").bind("id", token.id())
                .map((rs, c) -> new TokenRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        (Long) rs.getObject(5), rs.getString(6))).findOne());
        if (row.isEmpty() || !MessageDigest.isEqual(row.get().secretSha256().getBytes(StandardCharsets.US_ASCII),
                sha256(token.secret()).getBytes(StandardCharsets.US_ASCII))) {
            throw new AgentRefused(Kind.UNAUTHENTICATED, "invalid bootstrap token: no such token");
        }
        TokenRow t = row.get();
        String keyHash = sha256(publicKeyDer);
        if (t.usedMs() != null) {
            return answeredAgain(t, key, keyHash).orElseThrow(() -> new AgentRefused(Kind.UNAUTHENTICATED,
                    "bootstrap token " + token.id() + " was already used"));
        }
        long now = clock.millis();
        if (t.expiresMs() <= now) {
            throw new AgentRefused(Kind.UNAUTHENTICATED, "bootstrap token " + token.id() + " has expired");
        }
        String name = t.hostName() != null ? t.hostName() : proposedName;
        BigInteger serial = ca.newSerial();
        X509Certificate[] cert = new X509Certificate[1];
        HostRecord host;
        try {
            host = hosts.addRemote(name, t.clusterId(), (h, hostId) -> {
                int used = h.createUpdate("UPDATE bootstrap_tokens SET used_ms = :now, used_by_host = :host "
                                + "WHERE id = :id AND used_ms IS NULL AND expires_ms > :now")
                        .bind("now", now).bind("host", hostId).bind("id", token.id()).execute();
                if (used != 1) { // another registration took it between the read and here
                    throw new AgentRefused(Kind.UNAUTHENTICATED, "bootstrap token " + token.id()
                            + " was already used");
                }
                cert[0] = ca.issue(hostId, key, serial);
                recordCertificate(h, serial, hostId, keyHash, now);
            });
        } catch (ApiException e) {
            throw new AgentRefused(e.code().equals("NAME_TAKEN") ? Kind.ALREADY_EXISTS : Kind.INVALID_ARGUMENT,
                    e.getMessage());
        }
        return new Registration(host.id(), host.name(), cert[0]);
    }

    /**
     * The answer to a registration retried with a used token: when the token's secret is right (checked before) and
     * the public key is the one its host was registered with (the agent keeps its key across retries), the answer
     * was lost on the way, so the same host gets a fresh certificate for the same key. Safe because a certificate is
     * worth nothing without the private key, which never left the agent. Not for a removed or revoked host.
     */
    private Optional<Registration> answeredAgain(TokenRow t, SubjectPublicKeyInfo key, String keyHash) {
        if (t.usedByHost() == null) {
            return Optional.empty();
        }
        Optional<HostRecord> host = hosts.find(t.usedByHost()).filter(h -> h.state() != HostState.REMOVING);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String hostId = host.get().id();
        return db.tx(h -> {
            boolean sameKey = h.createQuery("SELECT COUNT(*) FROM agent_certificates WHERE host_id = :host "
                            + "AND key_sha256 = :key AND revoked_ms IS NULL")
                    .bind("host", hostId).bind("key", keyHash).mapTo(Long.class).one() > 0;
            if (!sameKey) {
                return Optional.empty();
            }
            BigInteger serial = ca.newSerial();
            X509Certificate cert = ca.issue(hostId, key, serial);
            recordCertificate(h, serial, hostId, keyHash, clock.millis());
            return Optional.of(new Registration(hostId, host.get().name(), cert));
        });
    }

    private static void recordCertificate(Handle h, BigInteger serial, String hostId, String keyHash, long now) {
        h.createUpdate("INSERT INTO agent_certificates (serial, host_id, key_sha256, issued_ms) "
                        + "VALUES (:serial, :host, :key, :now)")
                .bind("serial", serial.toString(16)).bind("host", hostId).bind("key", keyHash).bind("now", now)
                .execute();
    }

    /**
     * The host a session's client certificate stands for.
     *
     * @throws AgentRefused unless this CA issued it, it is on record for that host, not revoked, and the host
     *     exists
     */
    public HostRecord authorize(X509Certificate cert) {
        if (!ca.signed(cert)) {
            throw new AgentRefused(Kind.UNAUTHENTICATED, "the client certificate was not issued by this manager");
        }
        String serial = cert.getSerialNumber().toString(16);
        var rec = db.read(h -> h.createQuery("SELECT host_id, revoked_ms FROM agent_certificates WHERE serial = :s")
                .bind("s", serial).map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)}).findOne());
        if (rec.isEmpty()) {
            throw new AgentRefused(Kind.UNAUTHENTICATED, "unknown client certificate " + serial);
        }
        String hostId = rec.get()[0];
        Optional<HostRecord> host = hosts.find(hostId);
        if (rec.get()[1] != null || host.isEmpty() || host.get().state() == HostState.REMOVING) {
            throw new AgentRefused(Kind.PERMISSION_DENIED, "host " + hostId + " was removed; its certificate is "
                    + "revoked");
        }
        if (!cert.getSubjectX500Principal().getName().equals("CN=" + hostId)) {
            throw new AgentRefused(Kind.UNAUTHENTICATED, "certificate subject does not name its host");
        }
        return host.get();
    }

    /** Every certificate of the host is refused from now on (called in the removal of the host). */
    public void revoke(Handle h, String hostId) {
        h.createUpdate("UPDATE agent_certificates SET revoked_ms = :now WHERE host_id = :host AND revoked_ms IS NULL")
                .bind("now", clock.millis()).bind("host", hostId).execute();
    }

    public void revoke(String hostId) {
        db.txVoid(h -> revoke(h, hostId));
    }

    private record TokenRow(String secretSha256, String clusterId, String hostName, long expiresMs, Long usedMs,
                            String usedByHost) {}

    static String sha256(String secret) {
        return sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
