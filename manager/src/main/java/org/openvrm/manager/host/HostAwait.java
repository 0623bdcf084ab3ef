package org.openvrm.manager.host;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.ProgressSink;
import org.openvrm.manager.task.StopSignal;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.AgentLink;
import org.openvrm.protocol.CommandOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a task's command reaches a host that is away: the one place that waits for it. A command whose host has no
 * usable link (a remote agent that has not dialled back since a manager restart, or whose session is down), or
 * whose session ended before its answer came, waits until the host is CONNECTED again (its reconnect and reconcile
 * done) and is then sent again with the SAME command id: the agent runs an id at most once (also across its own
 * restarts, from its journal), so a resend is answered from the earlier run, or joins it, or runs it once.
 *
 * <p>The wait ends, answered as a {@link CommandOutcome.Failed} UNAVAILABLE so that each task's usual path for an
 * unreachable host applies, when the host goes FAILED (liveness: silent for {@code failAfter}), is removed, or
 * after {@code bound}, a backstop for a host that neither comes back nor fails (e.g. one whose first session never
 * came). A remote command in flight is given up for too when its host goes FAILED or is removed: its session may be
 * dead without its stream having said so. A stopping manager ends it with {@link StopSignal.Stopping}, recording nothing, so the task resumes on the
 * next start. Nothing is held while waiting: no lock, no transaction; the host's state is polled from the host
 * service's memory.
 *
 * <p>Only commands wait. Queries (console, VNC, guest facts, the domain's state) keep failing fast: they change
 * nothing, a REST caller must get its 409 at once rather than hang, and a task that asks after a failed step only
 * wants the truth if it is there (UNKNOWN otherwise, settled by the host's next report).
 */
public final class HostAwait {

    private static final Logger LOG = LoggerFactory.getLogger(HostAwait.class);

    private final Function<String, Optional<HostRecord>> hosts;
    private final Function<String, Optional<AgentLink>> agents;
    private final StopSignal stop;
    private final Duration bound;
    private final Duration poll;

    /**
     * @param bound how long one wait for a host lasts at most; the manager uses {@code failAfter + disconnectAfter}
     *     of its liveness timeouts, longer than liveness takes to fail a silent host, so that normally decides
     * @param poll how often a waiting task looks at its host's state
     * @param hosts a host's record by id, from memory ({@link HostService#find}; late-bound in the wiring)
     * @param agents a host's current link ({@link AgentRegistry#agent})
     */
    public HostAwait(Function<String, Optional<HostRecord>> hosts, Function<String, Optional<AgentLink>> agents,
                     StopSignal stop, Duration bound, Duration poll) {
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.agents = requireNonNull(agents, "agents is null");
        this.stop = requireNonNull(stop, "stop is null");
        this.bound = requireNonNull(bound, "bound is null");
        this.poll = requireNonNull(poll, "poll is null");
    }

    /**
     * Runs the command on the host, waiting for the host while it is away and sending the same command again after
     * each session lost before the answer. Returns the host's answer, or Failed UNAVAILABLE when the wait gave up.
     */
    public CommandOutcome execute(String hostId, AgentCommand command, ProgressSink progress) {
        while (true) {
            Optional<AgentLink> ready = ready(hostId);
            if (ready.isEmpty()) {
                Optional<String> gaveUp = await(hostId, command.commandId());
                if (gaveUp.isPresent()) {
                    return new CommandOutcome.Failed(command.commandId(), DriverException.Reason.UNAVAILABLE,
                            gaveUp.get());
                }
                continue;
            }
            AgentLink link = ready.get();
            CommandOutcome outcome = remote(hostId) ? watched(hostId, link, command, progress)
                    : link.execute(command, progress);
            if (outcome instanceof CommandOutcome.Failed f && f.reason() == DriverException.Reason.UNAVAILABLE
                    && !link.open()) {
                stop.checkpoint(); // the manager closed the session itself: resume after the restart instead
                LOG.info("command {}: the session of host {} ended before its answer; it is sent again when the "
                        + "host is back", command.commandId(), hostId);
                continue;
            }
            return outcome;
        }
    }

    /**
     * Runs the command on a remote link while watching its host: a session can die without its stream saying so
     * (a half-open connection; an agent gone before its connection was closed), and its call would then wait for
     * the 30-minute command timeout. When liveness has FAILED the host (or it was removed) meanwhile, the answer is
     * given up for: Failed UNAVAILABLE. The call's own thread stays parked until the dead session is closed (the
     * agent's next session supersedes it) or times out; it holds nothing.
     */
    private CommandOutcome watched(String hostId, AgentLink link, AgentCommand command, ProgressSink progress) {
        var call = new CompletableFuture<CommandOutcome>();
        Thread.ofVirtual().name("command-" + command.commandId()).start(() -> {
            try {
                call.complete(link.execute(command, progress));
            } catch (Throwable e) {
                call.completeExceptionally(e);
            }
        });
        while (true) {
            try {
                return call.get(poll.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Optional<HostRecord> host = hosts.apply(hostId);
                if (host.isEmpty() || host.get().state() == HostState.REMOVING
                        || host.get().state() == HostState.FAILED) {
                    return new CommandOutcome.Failed(command.commandId(), DriverException.Reason.UNAVAILABLE,
                            "host " + host.map(HostRecord::name).orElse(hostId) + " "
                                    + (host.isEmpty() ? "was removed" : "went " + host.get().state())
                                    + " while the command was in flight; its answer never came");
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) { // task threads are never interrupted; if one is, stop watching
                Thread.currentThread().interrupt();
                return call.getNow(new CommandOutcome.Failed(command.commandId(), DriverException.Reason.UNAVAILABLE,
                        "the command's wait for host " + hostId + " was interrupted"));
            }
        }
    }

    private boolean remote(String hostId) {
        return hosts.apply(hostId).map(h -> HostRecord.REMOTE.equals(h.driver())).orElse(false);
    }

    /** Whether the host is still recorded (not removed). */
    public boolean recorded(String hostId) {
        return hosts.apply(hostId).isPresent();
    }

    /** The host's link if a command can be sent on it now (queries use it too; they never wait). */
    public Optional<AgentLink> now(String hostId) {
        return ready(hostId);
    }

    /**
     * A link a command may go on: open, and, for a remote host, CONNECTED (reconciled after its session began). An
     * in-process agent is used whenever it exists, as before: its host's state says nothing about its link.
     */
    private Optional<AgentLink> ready(String hostId) {
        Optional<AgentLink> link = agents.apply(hostId).filter(AgentLink::open);
        if (link.isEmpty()) {
            return link;
        }
        Optional<HostRecord> host = hosts.apply(hostId);
        boolean usable = host.isPresent() && (!HostRecord.REMOTE.equals(host.get().driver())
                || host.get().state() == HostState.CONNECTED);
        return usable ? link : Optional.empty();
    }

    /** Waits until the host is ready; returns why it gave up instead, if it did. */
    private Optional<String> await(String hostId, String commandId) {
        long deadline = System.nanoTime() + bound.toNanos();
        boolean told = false;
        while (true) {
            stop.checkpoint();
            Optional<HostRecord> host = hosts.apply(hostId);
            if (host.isEmpty() || host.get().state() == HostState.REMOVING) {
                return Optional.of("host " + hostId + " was removed");
            }
            if (ready(hostId).isPresent()) {
                return Optional.empty();
            }
            String name = host.get().name();
            if (host.get().state() == HostState.FAILED) {
                return Optional.of("host " + name + " is not connected: it FAILED (not heard from for its fail "
                        + "timeout)");
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.of("host " + name + " did not come back within " + bound.toSeconds() + " s");
            }
            if (!told) {
                LOG.info("command {} waits for host {} ({}) to come back", commandId, name, host.get().state());
                told = true;
            }
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) { // task threads are never interrupted; if one is, stop waiting
                Thread.currentThread().interrupt();
                return Optional.of("the wait for host " + name + " was interrupted");
            }
        }
    }
}
