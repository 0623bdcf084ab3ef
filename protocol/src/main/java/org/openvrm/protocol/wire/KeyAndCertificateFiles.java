package org.openvrm.protocol.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A private key and its certificate in two files, replaced together. Two renames cannot be one atomic step, so the
 * pair is first written as one file beside them ({@code <certificate>.next}, mode 0600, atomically): that write is
 * the commit point. Then each file is replaced from it and it is deleted. A crash before the commit leaves the old
 * pair; after it, {@link #finishPending} (run before every read) completes the swap. Never a key with another's
 * certificate. Used by an agent renewing its identity and by the manager renewing its agent-port certificate.
 */
public final class KeyAndCertificateFiles {

    private KeyAndCertificateFiles() {
    }

    /** Replaces the pair at {@code keyFile} and {@code certFile} with {@code key} and {@code cert}. */
    public static void replace(Path keyFile, Path certFile, PrivateKey key, X509Certificate cert) throws IOException {
        Keys.writeSecret(pending(certFile), Pem.privateKey(key) + Pem.certificate(cert));
        finishPending(keyFile, certFile);
    }

    /** Completes a replacement a crash interrupted after its commit point; does nothing when none is pending. */
    public static void finishPending(Path keyFile, Path certFile) throws IOException {
        Path next = pending(certFile);
        if (!Files.exists(next)) {
            return;
        }
        String both = Files.readString(next);
        // parsed before anything is replaced: a bundle that does not parse is not installed
        PrivateKey key = Pem.privateKey(both, "EC");
        X509Certificate cert = Pem.certificate(both);
        Keys.writeSecret(keyFile, Pem.privateKey(key));
        Keys.writeSecret(certFile, Pem.certificate(cert)); // public, but written the same atomic way
        Files.delete(next);
    }

    static Path pending(Path certFile) {
        return certFile.resolveSibling(certFile.getFileName() + ".next");
    }
}
