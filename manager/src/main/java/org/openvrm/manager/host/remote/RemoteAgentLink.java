package org.openvrm.manager.host.remote;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.Tuning;
import org.openvrm.driver.VncEndpoint;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.AgentLink;
import org.openvrm.protocol.CommandOutcome;
import org.openvrm.protocol.HostReport;
import org.openvrm.protocol.wire.Messages;
import org.openvrm.protocol.wire.Tunings;
import org.openvrm.protocol.wire.Values;
import org.openvrm.protocol.wire.pb.ConsoleOutputQuery;
import org.openvrm.protocol.wire.pb.Empty;
import org.openvrm.protocol.wire.pb.ManagerMessage;
import org.openvrm.protocol.wire.pb.Progress;
import org.openvrm.protocol.wire.pb.Reply;
import org.openvrm.protocol.wire.pb.Request;

/**
 * One remote agent's session seen as an {@link AgentLink}: each call is a {@link Request} with a correlation id
 * on the session's stream, and blocks until the agent's {@link Reply} with that id, or a timeout, or the end of
 * the session, which fails every call in flight as "host unavailable" (a command as a Failed UNAVAILABLE outcome,
 * a query as a {@link DriverException}) so the callers' existing paths for an unreachable host apply.
 */
public final class RemoteAgentLink implements AgentLink, AutoCloseable {

    private final String hostId;
    private final StreamObserver<ManagerMessage> toAgent;
    private final Duration commandTimeout;
    private final Duration queryTimeout;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final Map<Long, ProgressSink> progress = new ConcurrentHashMap<>();
    private volatile String closedReason;

    public RemoteAgentLink(String hostId, StreamObserver<ManagerMessage> toAgent, Duration commandTimeout,
                           Duration queryTimeout) {
        this.hostId = hostId;
        this.toAgent = toAgent;
        this.commandTimeout = commandTimeout;
        this.queryTimeout = queryTimeout;
    }

    public String hostId() {
        return hostId;
    }

    @Override
    public boolean open() {
        return closedReason == null;
    }

    @Override
    public CommandOutcome execute(AgentCommand command, ProgressSink sink) {
        try {
            Reply r = call(Request.newBuilder().setExecute(Messages.command(command)), commandTimeout, sink);
            if (r.getResultCase() == Reply.ResultCase.FAILURE) {
                return new CommandOutcome.Failed(command.commandId(), Messages.failure(r.getFailure()).reason(),
                        r.getFailure().getMessage());
            }
            return Messages.outcome(expect(r, Reply.ResultCase.OUTCOME).getOutcome());
        } catch (DriverException e) {
            return new CommandOutcome.Failed(command.commandId(), e.reason(), e.getMessage());
        }
    }

    @Override
    public Optional<DomainStatus> domain(String vmId) {
        return Values.domain(query(Request.newBuilder().setDomain(vmId), Reply.ResultCase.DOMAIN).getDomain());
    }

    @Override
    public HostReport report() {
        return Values.report(query(Request.newBuilder().setReport(Empty.getDefaultInstance()),
                Reply.ResultCase.REPORT).getReport());
    }

    @Override
    public Tuning tuning(String vmId) {
        return Tunings.tuning(query(Request.newBuilder().setTuning(vmId), Reply.ResultCase.TUNING).getTuning());
    }

    @Override
    public void ping() {
        query(Request.newBuilder().setPing(Empty.getDefaultInstance()), Reply.ResultCase.PONG);
    }

    @Override
    public Optional<VncEndpoint> vnc(String vmId) {
        return Values.vnc(query(Request.newBuilder().setVnc(vmId), Reply.ResultCase.VNC).getVnc());
    }

    @Override
    public String consoleOutput(String vmId, int maxBytes) {
        return query(Request.newBuilder().setConsoleOutput(ConsoleOutputQuery.newBuilder().setVmId(vmId)
                .setMaxBytes(maxBytes)), Reply.ResultCase.CONSOLE_OUTPUT).getConsoleOutput();
    }

    @Override
    public GuestInfo guestInfo(String vmId) {
        return Values.guest(query(Request.newBuilder().setGuestInfo(vmId), Reply.ResultCase.GUEST_INFO)
                .getGuestInfo());
    }

    @Override
    public List<SnapshotInfo> snapshots(String vmId) {
        return query(Request.newBuilder().setSnapshots(vmId), Reply.ResultCase.SNAPSHOTS).getSnapshots()
                .getSnapshotsList().stream().map(Values::snapshot).toList();
    }

    /** The agent answered a request. */
    void replied(Reply reply) {
        progress.remove(reply.getCorrelationId());
        CompletableFuture<Reply> f = pending.remove(reply.getCorrelationId());
        if (f != null) {
            f.complete(reply);
        }
    }

    /** The agent reported progress on a command. */
    void progressed(Progress p) {
        ProgressSink sink = progress.get(p.getCorrelationId());
        if (sink != null) {
            sink.report(Math.clamp(p.getPercent(), 0, 100));
        }
    }

    /** The session ended: every call in flight fails now, and every later call at once. */
    void closed(String reason) {
        closedReason = reason;
        for (Long id : List.copyOf(pending.keySet())) {
            CompletableFuture<Reply> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(unavailable());
            }
        }
        progress.clear();
    }

    /** Ends the session from the manager's side (the host was removed): the agent is told why. */
    @Override
    public void close() {
        if (closedReason == null) {
            closed("host removed");
            synchronized (toAgent) {
                try {
                    toAgent.onError(Status.PERMISSION_DENIED.withDescription("host " + hostId + " was removed")
                            .asRuntimeException());
                } catch (RuntimeException e) {
                    // the stream is already gone; nothing to tell
                }
            }
        }
    }

    /**
     * A newer session of the same host began, so this one is dead although its stream never said so: every call in
     * flight fails now as UNAVAILABLE (to be sent again on the new session) and the stream is ended.
     */
    void superseded() {
        if (closedReason == null) {
            closed("replaced by a newer session of the host");
            synchronized (toAgent) {
                try {
                    toAgent.onError(Status.ABORTED.withDescription("replaced by a newer session of host " + hostId)
                            .asRuntimeException());
                } catch (RuntimeException e) {
                    // the stream is already gone
                }
            }
        }
    }

    /** The agent ended its side cleanly: end ours too. */
    void completeStream() {
        synchronized (toAgent) {
            try {
                toAgent.onCompleted();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    private Reply query(Request.Builder request, Reply.ResultCase expected) {
        Reply r = call(request, queryTimeout, null);
        if (r.getResultCase() == Reply.ResultCase.FAILURE) {
            throw Messages.failure(r.getFailure());
        }
        return expect(r, expected);
    }

    private Reply call(Request.Builder request, Duration timeout, ProgressSink sink) {
        if (closedReason != null) {
            throw unavailable();
        }
        long id = nextId.getAndIncrement();
        var future = new CompletableFuture<Reply>();
        pending.put(id, future);
        if (sink != null) {
            progress.put(id, sink);
        }
        try {
            synchronized (toAgent) { // a StreamObserver is not thread-safe
                toAgent.onNext(ManagerMessage.newBuilder().setRequest(request.setCorrelationId(id)).build());
            }
            if (closedReason != null) { // closed between the check and the put: closed() may have missed us
                pending.remove(id);
                throw unavailable();
            }
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof DriverException d ? d : unavailable();
        } catch (TimeoutException e) {
            throw new DriverException(DriverException.Reason.TIMEOUT, "host " + hostId + " did not answer within "
                    + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (RuntimeException e) {
            if (e instanceof DriverException d) {
                throw d;
            }
            throw new DriverException(DriverException.Reason.UNAVAILABLE, "host " + hostId + " unavailable: " + e);
        } finally {
            pending.remove(id);
            progress.remove(id);
        }
    }

    private DriverException unavailable() {
        return new DriverException(DriverException.Reason.UNAVAILABLE, "host " + hostId + " unavailable: agent "
                + "session closed" + (closedReason == null ? "" : " (" + closedReason + ")"));
    }

    private Reply expect(Reply r, Reply.ResultCase expected) {
        if (r.getResultCase() != expected) {
            throw new DriverException(DriverException.Reason.FAILED, "host " + hostId + " answered " + r.getResultCase()
                    + " to a " + expected + " request");
        }
        return r;
    }
}
