package org.openvrm.agent;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.PowerState;
import org.openvrm.protocol.AgentEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the guest agent ("Tools") of every running domain what it says, every {@code interval}, and tells the manager
 * only what changed: a {@link AgentEvent.GuestChanged} when a domain's answer differs from the last one sent, and
 * {@link GuestInfo#NONE} once when the domain stops running or disappears, or when the watcher itself stops (the
 * host disconnected).
 *
 * <p>Work is bounded: a tick that is still running skips the next one, and a domain whose previous query has not
 * answered yet is skipped, so a hung guest costs one waiting virtual thread, never a pile of them.
 */
public final class GuestWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GuestWatcher.class);

    private final Agent agent;
    private final Consumer<AgentEvent> events;
    /** Only answers other than NONE are kept: a domain absent here was last reported as NONE (or never). */
    private final Map<String, GuestInfo> lastSent = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final ScheduledFuture<?> schedule;
    private volatile boolean closed;

    /**
     * @param scheduler only fires the ticks (shared by every host's watcher); the queries run on virtual threads
     */
    public GuestWatcher(Agent agent, Consumer<AgentEvent> events, ScheduledExecutorService scheduler,
                        Duration interval) {
        this.agent = requireNonNull(agent, "agent is null");
        this.events = requireNonNull(events, "events is null");
        long millis = interval.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("interval must be at least 1 ms, got " + interval);
        }
        this.schedule = scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (closed || !ticking.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("guest-watcher").start(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                LOG.debug("guest poll failed: {}", e.toString()); // the hypervisor is away; the next tick retries
            } finally {
                ticking.set(false);
            }
        });
    }

    /** One round: query every running domain not already being queried; report NONE for the ones that stopped. */
    void poll() {
        Set<String> running = new HashSet<>();
        for (DomainStatus d : agent.domains()) {
            if (d.state() == PowerState.RUNNING) {
                running.add(d.vmId());
            }
        }
        for (String vmId : running) {
            if (inFlight.add(vmId)) {
                Thread.ofVirtual().name("guest-query-" + vmId).start(() -> query(vmId));
            }
        }
        for (String vmId : Set.copyOf(lastSent.keySet())) {
            if (!running.contains(vmId)) {
                publish(vmId, GuestInfo.NONE);
            }
        }
    }

    private void query(String vmId) {
        try {
            GuestInfo info;
            try {
                info = agent.guestInfo(vmId);
            } catch (RuntimeException e) {
                info = GuestInfo.NONE; // undefined meanwhile, or the hypervisor is away: nobody answers
            }
            publish(vmId, info);
        } finally {
            inFlight.remove(vmId);
        }
    }

    /** No query is waiting for an answer (for tests that drive {@link #poll} themselves). */
    boolean idle() {
        return inFlight.isEmpty();
    }

    private synchronized void publish(String vmId, GuestInfo info) {
        if (closed) {
            return;
        }
        GuestInfo before = lastSent.getOrDefault(vmId, GuestInfo.NONE);
        if (before.equals(info)) {
            return;
        }
        if (info.equals(GuestInfo.NONE)) {
            lastSent.remove(vmId);
        } else {
            lastSent.put(vmId, info);
        }
        events.accept(new AgentEvent.GuestChanged(vmId, info));
    }

    /**
     * Forgets what was sent, so the next round sends every running guest's facts again: for a listener that lost
     * them (a remote agent's new session, whose manager forgot the host's guests when the last one ended).
     */
    public synchronized void resend() {
        lastSent.clear();
    }

    /**
     * Stops watching and says NONE for every guest it had reported: once nobody watches, the manager must not keep
     * showing the last answer as if it were current.
     */
    @Override
    public void close() {
        schedule.cancel(false);
        synchronized (this) {
            closed = true;
            lastSent.keySet().forEach(vmId -> events.accept(new AgentEvent.GuestChanged(vmId, GuestInfo.NONE)));
            lastSent.clear();
        }
    }
}
