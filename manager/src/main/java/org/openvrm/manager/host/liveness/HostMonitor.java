package org.openvrm.manager.host.liveness;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openvrm.core.host.HostLiveness;
import org.openvrm.core.host.HostLiveness.Liveness;
import org.openvrm.core.host.HostLiveness.Timeouts;
import org.openvrm.manager.alarm.AlarmCode;
import org.openvrm.manager.alarm.AlarmService;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.event.EventLog.Severity;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.host.HostState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every host's heartbeat: one thread applies core's {@link HostLiveness} rule to every host each heartbeat
 * interval. Each state change is a compare-and-set through the host service, with its event and alarm in the same
 * transaction: DISCONNECTED (WARNING, alarm HOST_DISCONNECTED), FAILED (ERROR, alarm HOST_FAILED replacing it; the
 * host's VMs become UNKNOWN, never stopped), and back to CONNECTED once heard again (INFO, alarms cleared) after a
 * full report has reconciled its VMs.
 *
 * <p>Whatever carries a host's messages calls {@link #heard} for each of them: the in-process agents' heartbeats
 * and events today, remote agents' streams later (which also call {@link #linkClosed}).
 */
public final class HostMonitor implements AutoCloseable {

    /** Brings a host heard again up to date: its full report, hardware and the reconcile of its VMs. */
    @FunctionalInterface
    public interface Resync {
        /** @return how many domains the host reported; throws when the host cannot answer after all */
        int resync(HostRecord host);
    }

    /** What happens to the VMs of a failed host: implemented by the VM feature. */
    @FunctionalInterface
    public interface FailedHostVms {
        /** Marks the host's VMs UNKNOWN (those not under a task); returns how many. */
        int markUnknown(String hostId);
    }

    private static final Logger LOG = LoggerFactory.getLogger(HostMonitor.class);
    /** The silence of a host not heard from since the manager started. */
    private static final Duration NEVER_HEARD = Duration.ofDays(365_000);

    private final HostService hosts;
    private final LastHeard lastHeard;
    private final Resync resync;
    private final FailedHostVms vms;
    private final AlarmService alarms;
    private final EventLog events;
    private final Timeouts timeouts;
    private final Clock clock;
    /** Hosts whose resync runs now (on a virtual thread): not judged again until it ends. */
    private final Set<String> resyncing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "host-monitor");
        t.setDaemon(true);
        return t;
    });

    public HostMonitor(HostService hosts, LastHeard lastHeard, Resync resync, FailedHostVms vms, AlarmService alarms,
                       EventLog events, Timeouts timeouts, Clock clock) {
        this.hosts = hosts;
        this.lastHeard = lastHeard;
        this.resync = resync;
        this.vms = vms;
        this.alarms = alarms;
        this.events = events;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    /** Something arrived from the host (a heartbeat, an event, an answer). Cheap: one timestamp in memory. */
    public void heard(String hostId) {
        lastHeard.heard(hostId);
    }

    /** The host's link closed (a remote agent's stream ended): it is disconnected at the next tick. */
    public void linkClosed(String hostId) {
        lastHeard.linkClosed(hostId);
    }

    /** The host was removed: nothing to watch, and its alarms are cleared. */
    public void forget(String hostId) {
        lastHeard.forget(hostId);
        alarms.clearAll("host", hostId);
    }

    /** Starts the ticks, one per heartbeat interval. */
    public void start() {
        long every = timeouts.interval().toMillis();
        ticker.scheduleWithFixedDelay(this::tickSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("host liveness check failed; trying again next tick", e); // e.g. the store is briefly away
        }
    }

    /** One pass over every host: package-private so a test can drive it without waiting for the ticker. */
    void tick() {
        long now = clock.millis();
        for (HostRecord host : hosts.all()) {
            Liveness current = liveness(host.state());
            if (current == null || resyncing.contains(host.id())) {
                continue; // connecting or being removed: its task decides
            }
            if (current == Liveness.CONNECTED) {
                lastHeard.heardIfNever(host.id()); // connected by its task just now: the clock starts here
            } else if (HostRecord.REMOTE.equals(host.driver())) {
                // known before a manager restart, not heard since: its agent dials back by itself (with backoff),
                // so it gets the fail-after time from here, as if its link had closed now (not failed at once)
                lastHeard.closedNowIfNeverHeard(host.id());
            }
            var last = lastHeard.lastHeardMillis(host.id());
            // never heard (a host that failed to connect at start-up): silent forever, until it is heard
            Duration silence = last.isPresent() ? Duration.ofMillis(Math.max(0, now - last.getAsLong()))
                    : NEVER_HEARD;
            Liveness next = HostLiveness.next(current, silence, lastHeard.isLinkClosed(host.id()), timeouts);
            if (next != current) {
                switch (next) {
                    case DISCONNECTED -> disconnect(host, silence);
                    case FAILED -> fail(host, silence);
                    case CONNECTED -> reconnect(host, state(current));
                }
            }
        }
    }

    private void disconnect(HostRecord host, Duration silence) {
        String message = "host " + host.name() + " has not been heard from for " + seconds(silence)
                + "; its VMs may still run";
        hosts.move(host.id(), HostState.CONNECTED, HostState.DISCONNECTED, "not heard from for " + seconds(silence),
                h -> {
                    events.record(h, Severity.WARNING, "host.disconnected", "host", host.id(), message, null);
                    alarms.raise(h, AlarmCode.HOST_DISCONNECTED, "host", host.id(), host.name(), message);
                });
    }

    private void fail(HostRecord host, Duration silence) {
        String message = "host " + host.name() + " has not been heard from for " + seconds(silence)
                + "; the state of its VMs is unknown";
        boolean moved = hosts.move(host.id(), HostState.DISCONNECTED, HostState.FAILED,
                "not heard from for " + seconds(silence), h -> {
                    events.record(h, Severity.ERROR, "host.failed", "host", host.id(), message, null);
                    alarms.clear(h, AlarmCode.HOST_DISCONNECTED, "host", host.id()); // the failure supersedes it
                    alarms.raise(h, AlarmCode.HOST_FAILED, "host", host.id(), host.name(), message);
                });
        if (moved) {
            int unknown = vms.markUnknown(host.id());
            LOG.warn("host {} failed; {} VMs are now UNKNOWN", host.name(), unknown);
        }
    }

    /** Heard again: a full report first (off the ticker, it may take long), then CONNECTED. */
    private void reconnect(HostRecord host, HostState from) {
        if (!resyncing.add(host.id())) {
            return;
        }
        Thread.ofVirtual().name("host-resync-" + host.id()).start(() -> {
            try {
                int domains = resync.resync(host);
                hosts.move(host.id(), from, HostState.CONNECTED, null, h -> {
                    events.record(h, Severity.INFO, "host.reconnected", "host", host.id(), "host " + host.name()
                            + " is back (was " + from + "), " + domains + " domains reported and reconciled", null);
                    alarms.clear(h, AlarmCode.HOST_DISCONNECTED, "host", host.id());
                    alarms.clear(h, AlarmCode.HOST_FAILED, "host", host.id());
                });
            } catch (RuntimeException e) {
                // heard, but its report did not come: it stays as it is, and is tried again when heard next
                LOG.info("host {} answered but its report failed: {}", host.name(), e.getMessage());
            } finally {
                resyncing.remove(host.id());
            }
        });
    }

    private static Liveness liveness(HostState s) {
        return switch (s) {
            case CONNECTED -> Liveness.CONNECTED;
            case DISCONNECTED -> Liveness.DISCONNECTED;
            case FAILED -> Liveness.FAILED;
            case CONNECTING, REMOVING -> null;
        };
    }

    private static HostState state(Liveness l) {
        return switch (l) {
            case CONNECTED -> HostState.CONNECTED;
            case DISCONNECTED -> HostState.DISCONNECTED;
            case FAILED -> HostState.FAILED;
        };
    }

    private static String seconds(Duration d) {
        return d == NEVER_HEARD ? "as long as the manager runs" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
