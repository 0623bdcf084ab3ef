package org.openvrm.manager.host.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openvrm.agent.remote.CertificateRenewal;
import org.openvrm.protocol.wire.KeyAndCertificateFiles;
import org.openvrm.protocol.wire.Keys;
import org.openvrm.protocol.wire.Pem;

/**
 * The manager's own certificate authority, kept in {@code <data dir>/pki}: its key and self-signed certificate
 * (10 years; not rotated), and the certificate of the agent port it signed (825 days, renewed on start once less
 * than a third is left). Created on first start; keys are files of mode 0600. It signs each registered host's
 * public key with the host id as subject (valid for the configured agent certificate validity), and nothing else.
 */
public final class ManagerCa {

    /** The name the agent port's certificate is for; agents dial by address and expect this name. */
    public static final String SERVER_NAME = "openvrm-manager";
    /** The CA's own validity. Agents pin it (by hash in tokens, as their trust root): rotating it is not built. */
    static final Duration CA_LIFE = Duration.ofDays(3650);
    /** The agent port's certificate; agents trust the CA, not this leaf, so renewing it changes nothing for them. */
    static final Duration SERVER_CERT_LIFE = Duration.ofDays(825);
    /** How far back a certificate's validity starts, for clocks a little behind the manager's. */
    private static final Duration MAX_BACKDATE = Duration.ofMinutes(5);

    private final PrivateKey caKey;
    private final X509Certificate caCert;
    private final PrivateKey serverKey;
    private final X509Certificate serverCert;
    private final Clock clock;
    private final Duration agentCertLife;
    private final SecureRandom random = new SecureRandom();

    private ManagerCa(PrivateKey caKey, X509Certificate caCert, PrivateKey serverKey, X509Certificate serverCert,
                      Clock clock, Duration agentCertLife) {
        this.caKey = caKey;
        this.caCert = caCert;
        this.serverKey = serverKey;
        this.serverCert = serverCert;
        this.clock = clock;
        this.agentCertLife = agentCertLife;
    }

    /**
     * Reads the CA from {@code dir}, or creates it (and the agent port's certificate) there on first start; renews
     * the agent port's certificate (new key) when less than a third of its validity is left.
     *
     * @param agentCertLife how long the certificates issued to hosts are valid
     */
    public static ManagerCa openOrCreate(Path dir, Clock clock, Duration agentCertLife) {
        try {
            Files.createDirectories(dir);
            Path caKeyFile = dir.resolve("ca.key");
            Path caCertFile = dir.resolve("ca.pem");
            Path serverKeyFile = dir.resolve("agent-port.key");
            Path serverCertFile = dir.resolve("agent-port.pem");
            if (!Files.exists(caKeyFile)) {
                KeyPair ca = Keys.newEcKeyPair();
                var self = new ManagerCa(ca.getPrivate(), null, null, null, clock, agentCertLife);
                X509Certificate caCert = self.sign(new X500Name("CN=OpenVRM manager CA"), ca.getPublic(), true,
                        CA_LIFE, null);
                Keys.writeSecret(caKeyFile, Pem.privateKey(ca.getPrivate()));
                Files.writeString(caCertFile, Pem.certificate(caCert));
            }
            PrivateKey caKey = Pem.privateKey(Files.readString(caKeyFile), "EC");
            X509Certificate caCert = Pem.certificate(Files.readString(caCertFile));
            var ca = new ManagerCa(caKey, caCert, null, null, clock, agentCertLife);
            KeyAndCertificateFiles.finishPending(serverKeyFile, serverCertFile); // a renewal a crash cut short
            if (!Files.exists(serverKeyFile) || serverCertDue(serverCertFile, clock)) {
                KeyPair server = Keys.newEcKeyPair();
                X509Certificate cert = ca.sign(new X500Name("CN=" + SERVER_NAME), server.getPublic(), false,
                        SERVER_CERT_LIFE, KeyPurposeId.id_kp_serverAuth);
                KeyAndCertificateFiles.replace(serverKeyFile, serverCertFile, server.getPrivate(), cert);
            }
            return new ManagerCa(caKey, caCert, Pem.privateKey(Files.readString(serverKeyFile), "EC"),
                    Pem.certificate(Files.readString(serverCertFile)), clock, agentCertLife);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the manager CA in " + dir, e);
        }
    }

    private static boolean serverCertDue(Path certFile, Clock clock) throws IOException {
        X509Certificate cert = Pem.certificate(Files.readString(certFile));
        return CertificateRenewal.due(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                clock.instant());
    }

    public X509Certificate certificate() {
        return caCert;
    }

    /** What a bootstrap token carries so that an agent trusts this manager and no other. */
    public String sha256() {
        return Pem.sha256(caCert);
    }

    public PrivateKey serverKey() {
        return serverKey;
    }

    public X509Certificate serverCertificate() {
        return serverCert;
    }

    /** A client certificate for host {@code hostId}: subject CN = the host id, for the given public key. */
    public X509Certificate issue(String hostId, SubjectPublicKeyInfo publicKey, BigInteger serial) {
        try {
            var builder = builder(new X500Name("CN=" + hostId), publicKey, serial, agentCertLife)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return finish(builder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot issue a certificate for host " + hostId, e);
        }
    }

    /** Whether this CA signed the certificate (the TLS layer checked it too; this says it again, plainly). */
    public boolean signed(X509Certificate cert) {
        try {
            cert.verify(caCert.getPublicKey());
            cert.checkValidity(Date.from(clock.instant()));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public BigInteger newSerial() {
        return new BigInteger(120, random).add(BigInteger.ONE);
    }

    private X509Certificate sign(X500Name subject, PublicKey key, boolean ca, Duration life, KeyPurposeId purpose)
            throws IOException {
        var builder = builder(subject, SubjectPublicKeyInfo.getInstance(key.getEncoded()), newSerial(), life)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, SERVER_NAME)));
        }
        return finish(builder);
    }

    private X509v3CertificateBuilder builder(X500Name subject, SubjectPublicKeyInfo key, BigInteger serial,
                                             Duration life) {
        Instant now = clock.instant();
        X500Name issuer = caCert == null ? subject : X500Name.getInstance(caCert.getSubjectX500Principal()
                .getEncoded());
        // backdated a little for skewed clocks, but never by more than a tenth of the life: a short-lived
        // certificate would otherwise be born with less than two thirds left, and renewed at once, forever
        Duration back = life.dividedBy(10).compareTo(MAX_BACKDATE) < 0 ? life.dividedBy(10) : MAX_BACKDATE;
        return new X509v3CertificateBuilder(issuer, serial, Date.from(now.minus(back)),
                Date.from(now.plus(life)), subject, key);
    }

    private X509Certificate finish(X509v3CertificateBuilder builder) {
        try {
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }


}
