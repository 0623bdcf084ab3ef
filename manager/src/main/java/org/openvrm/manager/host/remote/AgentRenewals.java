package org.openvrm.manager.host.remote;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.host.HostState;
import org.openvrm.manager.host.remote.AgentRefused.Kind;
import org.openvrm.manager.store.Database;

/**
 * Certificate renewal, the one request an agent starts: a new certificate for a new public key, for the host that
 * the caller's certificate names (authorized beforehand by {@link AgentEnrollment#authorize}, as a session is) and
 * never any other, recorded as a new row of {@code agent_certificates} that says which certificate it renewed.
 */
public final class AgentRenewals {

    private final Database db;
    private final HostService hosts;
    private final ManagerCa ca;
    private final Clock clock;

    public AgentRenewals(Database db, HostService hosts, ManagerCa ca, Clock clock) {
        this.db = db;
        this.hosts = hosts;
        this.ca = ca;
        this.clock = clock;
    }

    /**
     * @param host the host the caller's certificate stands for (never a host id the caller names)
     * @param presented the caller's certificate, already authorized
     * @param publicKeyDer the agent's new public key
     * @throws AgentRefused INVALID_ARGUMENT for a key that is no key or is already on record; PERMISSION_DENIED
     *     when the presented certificate was revoked (the host removed) meanwhile
     */
    public X509Certificate renew(HostRecord host, X509Certificate presented, byte[] publicKeyDer) {
        SubjectPublicKeyInfo key;
        try {
            key = SubjectPublicKeyInfo.getInstance(publicKeyDer);
            if (key == null) {
                throw new IllegalArgumentException("empty");
            }
        } catch (RuntimeException e) {
            throw new AgentRefused(Kind.INVALID_ARGUMENT, "public_key is not an X.509 SubjectPublicKeyInfo");
        }
        String keyHash = AgentEnrollment.sha256(publicKeyDer);
        String presentedSerial = presented.getSerialNumber().toString(16);
        return db.tx(h -> {
            // a row lock on the presented certificate, taken only while it is not revoked: a removal whose
            // revocation committed first makes this 0 rows. A removal is REMOVING before it revokes, so one racing
            // this renewal either is seen below or, if its revocation misses the new row, leaves a row that
            // authorize() refuses anyway (it refuses every certificate of a REMOVING or vanished host)
            int live = h.createUpdate("UPDATE agent_certificates SET revoked_ms = revoked_ms WHERE serial = :s "
                    + "AND host_id = :host AND revoked_ms IS NULL")
                    .bind("s", presentedSerial).bind("host", host.id()).execute();
            if (live != 1 || hosts.find(host.id()).filter(r -> r.state() != HostState.REMOVING).isEmpty()) {
                throw new AgentRefused(Kind.PERMISSION_DENIED, "host " + host.id() + " was removed; its "
                        + "certificates are revoked and cannot be renewed");
            }
            boolean known = h.createQuery("SELECT COUNT(*) FROM agent_certificates WHERE key_sha256 = :k")
                    .bind("k", keyHash).mapTo(Long.class).one() > 0;
            if (known) {
                throw new AgentRefused(Kind.INVALID_ARGUMENT, "a renewal needs a new key pair; this public key "
                        + "is already on record");
            }
            BigInteger serial = ca.newSerial();
            X509Certificate cert = ca.issue(host.id(), key, serial);
            h.createUpdate("INSERT INTO agent_certificates (serial, host_id, key_sha256, issued_ms, renewed_from) "
                            + "VALUES (:serial, :host, :key, :now, :from)")
                    .bind("serial", serial.toString(16)).bind("host", host.id()).bind("key", keyHash)
                    .bind("now", clock.millis()).bind("from", presentedSerial).execute();
            return cert;
        });
    }
}
