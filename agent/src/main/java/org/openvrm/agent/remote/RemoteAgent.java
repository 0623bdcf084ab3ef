package org.openvrm.agent.remote;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openvrm.agent.Agent;
import org.openvrm.agent.GuestWatcher;
import org.openvrm.driver.HypervisorDriver;
import org.openvrm.protocol.AgentEvent;
import org.openvrm.protocol.wire.AgentGateway;
import org.openvrm.protocol.wire.BootstrapToken;
import org.openvrm.protocol.wire.Messages;
import org.openvrm.protocol.wire.Pem;
import org.openvrm.protocol.wire.Values;
import org.openvrm.protocol.wire.pb.AgentMessage;
import org.openvrm.protocol.wire.pb.Hello;
import org.openvrm.protocol.wire.pb.ManagerMessage;
import org.openvrm.protocol.wire.pb.Progress;
import org.openvrm.protocol.wire.pb.RegisterRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CNA as its own process: registers once with a bootstrap token (or finds its identity in its data dir), then
 * dials the manager forever, with backoff, over mutual TLS. Each session begins with the host's full report; the
 * manager's requests are answered on virtual threads, the driver's events forwarded as they happen. Its
 * certificate is renewed over the session before it expires ({@link IdentityRenewer}).
 */
public final class RemoteAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteAgent.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** The manager said no (bad token, revoked host): retrying cannot help, the operator must act. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final String target;
    private final Optional<BootstrapToken> token;
    private final Path dataDir;
    private final String proposedName;
    private final Agent agent;
    private final GuestWatcher guests;
    private final AgentRuntime runtime;
    private final boolean ownsRuntime;
    private final AtomicReference<StreamObserver<AgentMessage>> toManager = new AtomicReference<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile ManagedChannel channel;
    /*
     * The open session's end, which close() counts down itself: gRPC tells of a cancelled call on the runtime's
     * callback executor, and close() shuts that executor down, so the news could be dropped and run() wait for ever.
     */
    private volatile CountDownLatch sessionEnded;
    /** Set once the identity is known (registered or loaded); renews it while sessions run. */
    private volatile IdentityRenewer renewer;

    /**
     * @param target the manager's agent port, host:port
     * @param token needed only when {@code dataDir} holds no identity yet
     */
    public RemoteAgent(String target, Optional<String> token, Path dataDir, String proposedName,
                       HypervisorDriver driver, Duration guestPoll, int rememberedCommands) {
        this(target, token, dataDir, proposedName, driver, guestPoll, rememberedCommands, new AgentRuntime(1), true);
    }

    /** One of many agents in a process, on {@code runtime} (which the caller closes after every agent). */
    public RemoteAgent(String target, Optional<String> token, Path dataDir, String proposedName,
                       HypervisorDriver driver, Duration guestPoll, int rememberedCommands, AgentRuntime runtime) {
        this(target, token, dataDir, proposedName, driver, guestPoll, rememberedCommands, runtime, false);
    }

    private RemoteAgent(String target, Optional<String> token, Path dataDir, String proposedName,
                        HypervisorDriver driver, Duration guestPoll, int rememberedCommands, AgentRuntime runtime,
                        boolean ownsRuntime) {
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.target = target;
        this.token = token.map(BootstrapToken::parse);
        this.dataDir = dataDir;
        this.proposedName = proposedName;
        // finished command ids outlive the process: a restarted agent still answers a replay instead of rerunning it
        this.agent = new Agent(driver, this::send, rememberedCommands,
                new FileCommandJournal(dataDir.resolve("commands.journal"), rememberedCommands));
        this.guests = new GuestWatcher(agent, this::send, runtime.ticks(), guestPoll);
    }

    /** Registers if needed, then keeps a session open until {@link #close}; returns only when closed. */
    public void run() throws InterruptedException {
        Optional<AgentIdentity> known = identity();
        if (known.isEmpty()) {
            return; // closed before it could register
        }
        AgentIdentity id = known.get();
        renewer = new IdentityRenewer(id, dataDir, target, runtime, java.time.Clock.systemUTC());
        if (closed) { // close() ran before the renewer existed, so it could not close it
            renewer.close();
            return;
        }
        LOG.info("agent of host {} dialling {}", id.hostId(), target);
        long backoff = 500;
        while (!closed) {
            long began = System.nanoTime();
            String why = session(renewer.current()); // the newest identity: a renewal takes effect here
            if (closed) {
                return;
            }
            if (Duration.ofNanos(System.nanoTime() - began).toSeconds() > 10) {
                backoff = 500; // that session was a real one: start over quickly
            }
            LOG.warn("session with the manager ended ({}); reconnecting in {} ms", why, backoff);
            // jitter: a fleet (or a data centre) whose manager restarted does not redial in one instant
            pause(backoff + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
    }

    private Optional<AgentIdentity> identity() throws InterruptedException {
        Optional<AgentIdentity> stored = AgentIdentity.load(dataDir);
        if (stored.isPresent()) {
            return stored;
        }
        BootstrapToken t = token.orElseThrow(() -> new Refused("no agent identity in " + dataDir
                + ": register once with --token (ask the manager: POST /api/v1/hosts/tokens)"));
        var keys = AgentIdentity.pendingKeyPair(dataDir); // the same key on every try: a retry is answered again
        long backoff = 500;
        while (!closed) {
            runtime.registrations().acquire();
            try {
                return Optional.of(register(t, keys));
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE
                        && e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                    throw new Refused("registration refused: " + e.getStatus().getDescription());
                }
                Throwable bad = certificateProblem(e);
                if (bad != null) { // the manager is not the one the token names: never send it the token again
                    throw new Refused("will not register with " + target + ": " + bad.getMessage());
                }
                LOG.warn("manager at {} not reachable for registration ({}); retrying in {} ms", target,
                        e.getStatus(), backoff);
            } finally {
                runtime.registrations().release();
            }
            pause(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
        return Optional.empty();
    }

    /** Waits between tries, but not past close(). */
    private void pause(long millis) throws InterruptedException {
        closing.await(millis, TimeUnit.MILLISECONDS);
    }

    private static Throwable certificateProblem(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertificateException) {
                return c;
            }
        }
        return null;
    }

    private AgentIdentity register(BootstrapToken t, java.security.KeyPair keys) {
        ManagedChannel ch = ManagerChannels.firstContact(target, t.caSha256(), runtime);
        try {
            var reply = ClientCalls.blockingUnaryCall(ch, AgentGateway.REGISTER,
                    CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), RegisterRequest.newBuilder()
                            .setToken(t.text()).setHostname(proposedName)
                            .setPublicKey(ByteString.copyFrom(keys.getPublic().getEncoded())).build());
            var ca = Pem.certificate(reply.getCaCertificatePem());
            if (!Pem.sha256(ca).equals(t.caSha256())) {
                throw new Refused("the manager returned a CA other than the one the token names");
            }
            var id = new AgentIdentity(reply.getHostId(), keys.getPrivate(), Pem.certificate(reply.getCertificatePem()),
                    ca);
            id.save(dataDir);
            LOG.info("registered as host {} ({})", reply.getHostName(), reply.getHostId());
            return id;
        } finally {
            ch.shutdownNow();
        }
    }

    /** One session, until it ends; returns why it ended. */
    private String session(AgentIdentity id) {
        var ended = new CountDownLatch(1);
        sessionEnded = ended;
        ManagedChannel ch = ManagerChannels.session(target, id, runtime);
        channel = ch;
        if (closed) { // close() ran before this channel existed, so it could not shut it: nobody else will
            ch.shutdownNow();
            return "closed";
        }
        var why = new AtomicReference<String>("closed");
        var handler = new RequestHandler(agent);
        StreamObserver<AgentMessage>[] out = newArray();
        StreamObserver<ManagerMessage> in = new StreamObserver<>() {
            @Override
            public void onNext(ManagerMessage m) {
                if (m.getKindCase() != ManagerMessage.KindCase.REQUEST) {
                    return;
                }
                var request = m.getRequest();
                Thread.ofVirtual().name("request-" + request.getCorrelationId()).start(() -> {
                    var reply = handler.answer(request, percent -> write(out[0], AgentMessage.newBuilder()
                            .setProgress(Progress.newBuilder().setCorrelationId(request.getCorrelationId())
                                    .setPercent(percent)).build()));
                    write(out[0], AgentMessage.newBuilder().setReply(reply).build());
                });
            }

            @Override
            public void onError(Throwable t) {
                Status s = Status.fromThrowable(t);
                why.set(s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription()));
                if (s.getCode() == Status.Code.PERMISSION_DENIED || s.getCode() == Status.Code.UNAUTHENTICATED) {
                    why.set("refused: " + s.getDescription());
                }
                ended.countDown();
            }

            @Override
            public void onCompleted() {
                why.set("the manager ended the session");
                ended.countDown();
            }
        };
        try {
            out[0] = ClientCalls.asyncBidiStreamingCall(ch.newCall(AgentGateway.SESSION, CallOptions.DEFAULT), in);
            // the full state first, every time: the manager reconciles with it
            write(out[0], AgentMessage.newBuilder().setHello(Hello.newBuilder()
                    .setReport(Values.report(agent.report()))).build());
            toManager.set(out[0]);
            guests.resend(); // the manager forgot this host's guest facts when the last session ended
            renewer.sessionOpened(ch, id); // renews over this session when the certificate is due
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            why.set(String.valueOf(e));
        } finally {
            toManager.set(null);
            renewer.sessionClosed();
            ch.shutdownNow();
        }
        if (why.get().startsWith("refused: ")) {
            throw new Refused("the manager " + why.get());
        }
        return why.get();
    }

    @SuppressWarnings("unchecked")
    private static StreamObserver<AgentMessage>[] newArray() {
        return new StreamObserver[1];
    }

    /** Events between sessions are dropped: the next session's report carries the state they told of. */
    private void send(AgentEvent e) {
        StreamObserver<AgentMessage> s = toManager.get();
        if (s != null) {
            write(s, AgentMessage.newBuilder().setEvent(Messages.event(e)).build());
        }
    }

    private static void write(StreamObserver<AgentMessage> s, AgentMessage m) {
        if (s == null) {
            return;
        }
        synchronized (s) { // a StreamObserver is not thread-safe
            try {
                s.onNext(m);
            } catch (RuntimeException e) {
                // the stream is gone; the session loop notices and reconnects
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        ManagedChannel ch = channel;
        if (ch != null) {
            ch.shutdownNow();
        }
        CountDownLatch ended = sessionEnded;
        if (ended != null) {
            ended.countDown();
        }
        IdentityRenewer r = renewer;
        if (r != null) {
            r.close();
        }
        guests.close();
        agent.close();
        if (ownsRuntime) {
            runtime.close();
        }
    }
}
