package org.openvrm.core.host;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Whether a host is alive, from how long it has been silent: the whole rule, pure. The manager applies it to every
 * host on each tick; time is passed in, so the rule is tested at its exact boundaries.
 *
 * <p>A host moves one step per evaluation, CONNECTED → DISCONNECTED → FAILED, so every host that fails was first
 * reported disconnected, even when the manager itself was paused past both timeouts. Hearing from the host again
 * (silence below {@code disconnectAfter}, link open) brings it back to CONNECTED from either.
 */
public final class HostLiveness {

    /** The states the rule knows; the manager's host states beyond these (connecting, removing) are not watched. */
    public enum Liveness { CONNECTED, DISCONNECTED, FAILED }

    /**
     * @param interval how often hosts send a heartbeat (and how often the rule runs)
     * @param disconnectAfter silence after which a host is DISCONNECTED: it may still run its VMs
     * @param failAfter silence after which a disconnected host is FAILED: its VMs' state is no longer known
     */
    public record Timeouts(Duration interval, Duration disconnectAfter, Duration failAfter) {

        public static final Timeouts DEFAULTS =
                new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120));

        public Timeouts {
            requireNonNull(interval, "interval is null");
            requireNonNull(disconnectAfter, "disconnectAfter is null");
            requireNonNull(failAfter, "failAfter is null");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the heartbeat interval must be positive, got " + interval);
            }
            // one missed heartbeat must not disconnect a host, nor a disconnect fail it at once
            if (disconnectAfter.compareTo(interval) <= 0) {
                throw new IllegalArgumentException("disconnectAfter (" + disconnectAfter
                        + ") must be longer than the heartbeat interval (" + interval + ")");
            }
            if (failAfter.compareTo(disconnectAfter) <= 0) {
                throw new IllegalArgumentException("failAfter (" + failAfter + ") must be longer than disconnectAfter ("
                        + disconnectAfter + ")");
            }
        }
    }

    private HostLiveness() {}

    /**
     * The host's next state.
     *
     * @param silence time since the host was last heard from (anything: a heartbeat, an event, an answer)
     * @param linkClosed the host's link closed after it was last heard (a remote agent's stream ended): it is not
     *     waited for, but its failure is still counted from the last time it was heard
     */
    public static Liveness next(Liveness current, Duration silence, boolean linkClosed, Timeouts timeouts) {
        requireNonNull(current, "current is null");
        requireNonNull(silence, "silence is null");
        requireNonNull(timeouts, "timeouts is null");
        boolean alive = !linkClosed && silence.compareTo(timeouts.disconnectAfter()) < 0;
        if (alive) {
            return Liveness.CONNECTED;
        }
        return switch (current) {
            case CONNECTED -> Liveness.DISCONNECTED;
            case DISCONNECTED -> silence.compareTo(timeouts.failAfter()) >= 0 ? Liveness.FAILED : Liveness.DISCONNECTED;
            case FAILED -> Liveness.FAILED;
        };
    }
}
