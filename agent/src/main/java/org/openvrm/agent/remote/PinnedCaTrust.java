package org.openvrm.agent.remote;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.net.Socket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.openvrm.protocol.wire.Pem;

/**
 * First contact, before the agent has the manager CA: trusts a server only if the chain it presents carries a CA
 * certificate whose SHA-256 is the one in the bootstrap token and the server's certificate is signed by that CA.
 * So the token's secret is sent to the manager that made it, and to no one else. (Extended, because netty's
 * OpenSSL engine cannot wrap a plain trust manager on this JDK; the pin is the whole check, names play no part.)
 */
final class PinnedCaTrust extends X509ExtendedTrustManager {

    private final String caSha256;

    PinnedCaTrust(String caSha256) {
        this.caSha256 = caSha256;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the manager presented no certificate");
        }
        for (X509Certificate candidate : chain) {
            if (Pem.sha256(candidate).equals(caSha256)) {
                try {
                    chain[0].verify(candidate.getPublicKey());
                    chain[0].checkValidity();
                    candidate.checkValidity();
                    return;
                } catch (GeneralSecurityException e) {
                    throw new CertificateException("the manager's certificate is not signed by the pinned CA", e);
                }
            }
        }
        throw new CertificateException("the manager's CA does not match the token's CA hash: not the manager that "
                + "made this token");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("an agent trusts no clients");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
