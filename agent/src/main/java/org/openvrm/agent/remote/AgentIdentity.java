package org.openvrm.agent.remote;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.openvrm.protocol.wire.KeyAndCertificateFiles;
import org.openvrm.protocol.wire.Keys;
import org.openvrm.protocol.wire.Pem;

/**
 * Who this agent is to its manager, kept in its data dir: the host id, its private key (made here, never sent),
 * the certificate the manager CA issued for it, and that CA's certificate (the only manager it trusts).
 */
public record AgentIdentity(String hostId, PrivateKey key, X509Certificate certificate, X509Certificate ca) {

    static final String KEY = "agent.key";
    static final String CERT = "agent.pem";
    static final String CA = "manager-ca.pem";
    static final String HOST_ID = "host-id";
    /** The public half of the key, kept beside it until the registration answered (see {@link #pendingKeyPair}). */
    static final String PUBLIC_KEY = "agent.pub";

    public AgentIdentity {
        requireNonNull(hostId, "hostId is null");
        requireNonNull(key, "key is null");
        requireNonNull(certificate, "certificate is null");
        requireNonNull(ca, "ca is null");
    }

    /** The identity a registration (and any renewal since) left in {@code dir}, if any. */
    public static Optional<AgentIdentity> load(Path dir) {
        if (!Files.exists(dir.resolve(HOST_ID))) {
            return Optional.empty();
        }
        try {
            // a renewal that crashed after its commit point is completed first: never the new key with the old cert
            KeyAndCertificateFiles.finishPending(dir.resolve(KEY), dir.resolve(CERT));
            return Optional.of(new AgentIdentity(Files.readString(dir.resolve(HOST_ID)).trim(),
                    Pem.privateKey(Files.readString(dir.resolve(KEY)), "EC"),
                    Pem.certificate(Files.readString(dir.resolve(CERT))),
                    Pem.certificate(Files.readString(dir.resolve(CA)))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent identity in " + dir, e);
        }
    }

    /** Writes the identity; the host id last, so a crash midway leaves no half identity that looks whole. */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            Keys.writeSecret(dir.resolve(KEY), Pem.privateKey(key));
            Files.writeString(dir.resolve(CERT), Pem.certificate(certificate));
            Files.writeString(dir.resolve(CA), Pem.certificate(ca));
            Files.writeString(dir.resolve(HOST_ID), hostId + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent identity to " + dir, e);
        }
    }

    /** This identity with a renewed key and certificate: the same host, the same manager CA. */
    AgentIdentity renewed(PrivateKey newKey, X509Certificate newCertificate) {
        return new AgentIdentity(hostId, newKey, newCertificate, ca);
    }

    /**
     * Replaces the key and certificate in {@code dir} with this identity's, both or neither even across a crash
     * ({@link KeyAndCertificateFiles}); the registration's public key file, stale from now on, goes.
     */
    void saveRenewed(Path dir) {
        try {
            KeyAndCertificateFiles.replace(dir.resolve(KEY), dir.resolve(CERT), key, certificate);
            Files.deleteIfExists(dir.resolve(PUBLIC_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the renewed agent identity to " + dir, e);
        }
    }

    /**
     * The key pair this agent registers with: made once, on this host, and written to {@code dir} before the first
     * registration is sent, so a retry (after a lost answer, even after a restart of the agent) sends the same
     * public key, which the manager answers again with the host it already made for it.
     */
    public static KeyPair pendingKeyPair(Path dir) {
        Path key = dir.resolve(KEY);
        Path pub = dir.resolve(PUBLIC_KEY);
        try {
            if (Files.exists(key) && Files.exists(pub)) {
                return new KeyPair(Pem.publicKey(Files.readString(pub), "EC"),
                        Pem.privateKey(Files.readString(key), "EC"));
            }
            KeyPair made = Keys.newEcKeyPair();
            Files.createDirectories(dir);
            Files.writeString(pub, Pem.publicKey(made.getPublic()));
            Keys.writeSecret(key, Pem.privateKey(made.getPrivate()));
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the agent's key in " + dir, e);
        }
    }

    /** Leaves the key out. */
    @Override
    public String toString() {
        return "AgentIdentity[hostId=" + hostId + ", certificate serial=" + certificate.getSerialNumber().toString(16)
                + "]";
    }
}
