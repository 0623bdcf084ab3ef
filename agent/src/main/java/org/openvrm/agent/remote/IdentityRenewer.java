package org.openvrm.agent.remote;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openvrm.protocol.wire.AgentGateway;
import org.openvrm.protocol.wire.Keys;
import org.openvrm.protocol.wire.Pem;
import org.openvrm.protocol.wire.pb.RenewRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an agent's certificate from expiring: on every session start and then about every tenth of the
 * certificate's validity (jittered, on the runtime's shared tick scheduler), when less than a third of it is left
 * ({@link CertificateRenewal}), it makes a new key pair here, asks the manager ({@code Renew}) for a certificate
 * for its public key, checks the answer, and writes key and certificate together; the next session uses them.
 */
final class IdentityRenewer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityRenewer.class);

    private final java.nio.file.Path dataDir;
    private final String target;
    private final AgentRuntime runtime;
    private final Clock clock;
    private final AtomicBoolean renewing = new AtomicBoolean();
    private volatile AgentIdentity current;
    /** The open session's channel and the identity it was opened with; null between sessions. */
    private volatile Session session;
    private volatile ScheduledFuture<?> nextCheck;
    private volatile boolean closed;

    private record Session(ManagedChannel channel, AgentIdentity openedWith) {}

    IdentityRenewer(AgentIdentity identity, java.nio.file.Path dataDir, String target, AgentRuntime runtime,
                    Clock clock) {
        this.current = identity;
        this.dataDir = dataDir;
        this.target = target;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** The identity to open the next session with: the newest one. */
    AgentIdentity current() {
        return current;
    }

    /** A session opened on {@code channel} with {@code identity}: checks now, then periodically. */
    void sessionOpened(ManagedChannel channel, AgentIdentity identity) {
        session = new Session(channel, identity);
        check();
        scheduleNext();
    }

    void sessionClosed() {
        session = null;
    }

    private void scheduleNext() {
        ScheduledFuture<?> previous = nextCheck;
        if (previous != null) {
            previous.cancel(false);
        }
        if (closed) {
            return;
        }
        X509Certificate cert = current.certificate();
        Duration wait = CertificateRenewal.jittered(CertificateRenewal.checkPeriod(cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant()), ThreadLocalRandom.current().nextDouble());
        try {
            nextCheck = runtime.ticks().schedule(() -> {
                check();
                scheduleNext();
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the runtime is closing: so is this agent
        }
    }

    /** Cheap, on the tick thread; the renewal itself (a network call) runs on a virtual thread of its own. */
    private void check() {
        X509Certificate cert = current.certificate();
        Session s = session;
        if (closed || s == null || !CertificateRenewal.due(cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), clock.instant())) {
            return;
        }
        if (renewing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("renew-" + current.hostId()).start(() -> {
                try {
                    renew(s);
                } finally {
                    renewing.set(false);
                }
            });
        }
    }

    private void renew(Session s) {
        AgentIdentity id = current;
        // over the session's own connection while that was opened with the current certificate; after a renewal
        // in the same session it may not be (and the certificate it presented may expire while the session lasts),
        // so then over a new connection made with the current identity
        boolean sameConnection = s.openedWith() == id;
        ManagedChannel ch = sameConnection ? s.channel() : ManagerChannels.session(target, id, runtime);
        try {
            KeyPair keys = Keys.newEcKeyPair(); // a new key each renewal, made here; only its public half is sent
            var reply = ClientCalls.blockingUnaryCall(ch, AgentGateway.RENEW,
                    CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), RenewRequest.newBuilder()
                            .setPublicKey(ByteString.copyFrom(keys.getPublic().getEncoded())).build());
            X509Certificate cert = Pem.certificate(reply.getCertificatePem());
            check(id, cert, keys);
            AgentIdentity renewed = id.renewed(keys.getPrivate(), cert);
            renewed.saveRenewed(dataDir);
            current = renewed;
            LOG.info("certificate of host {} renewed: serial {} until {}", id.hostId(),
                    cert.getSerialNumber().toString(16), cert.getNotAfter().toInstant());
        } catch (StatusRuntimeException e) {
            LOG.warn("certificate renewal of host {} failed ({}); trying again later", id.hostId(), e.getStatus());
        } catch (RuntimeException e) {
            LOG.error("certificate renewal of host {} failed; the current certificate is kept", id.hostId(), e);
        } finally {
            if (!sameConnection) {
                ch.shutdownNow();
            }
        }
    }

    /** The answer must be for this host and this new key, from this manager's CA, and outlive the current one. */
    private static void check(AgentIdentity id, X509Certificate cert, KeyPair keys) {
        try {
            cert.verify(id.ca().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the renewed certificate is not signed by the manager CA", e);
        }
        if (!cert.getSubjectX500Principal().getName().equals("CN=" + id.hostId())) {
            throw new IllegalStateException("the renewed certificate names " + cert.getSubjectX500Principal()
                    + ", not host " + id.hostId());
        }
        if (!java.util.Arrays.equals(cert.getPublicKey().getEncoded(), keys.getPublic().getEncoded())) {
            throw new IllegalStateException("the renewed certificate is not for the key sent");
        }
        if (!cert.getNotAfter().after(id.certificate().getNotAfter())) {
            throw new IllegalStateException("the renewed certificate expires no later than the current one");
        }
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> f = nextCheck;
        if (f != null) {
            f.cancel(false);
        }
    }
}
