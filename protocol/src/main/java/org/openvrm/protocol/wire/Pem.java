package org.openvrm.protocol.wire;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** PEM text for certificates and PKCS#8 keys, with the JDK only; and the CA fingerprint an agent pins. */
public final class Pem {

    private Pem() {
    }

    public static String certificate(X509Certificate cert) {
        try {
            return block("CERTIFICATE", cert.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    public static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(unblock("CERTIFICATE", pem)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
        }
    }

    public static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** @param algorithm "EC" or "RSA" */
    public static PrivateKey privateKey(String pem, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(unblock("PRIVATE KEY",
                    pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM " + algorithm + " private key", e);
        }
    }

    public static String publicKey(PublicKey key) {
        return block("PUBLIC KEY", key.getEncoded());
    }

    /** @param algorithm "EC" or "RSA" */
    public static PublicKey publicKey(String pem, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(unblock("PUBLIC KEY",
                    pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM " + algorithm + " public key", e);
        }
    }

    /** Lower-case hex SHA-256 of the certificate's DER: what a bootstrap token carries to pin the manager CA. */
    public static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unblock(String type, String pem) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("no " + type + " block in PEM text");
        }
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }
}
