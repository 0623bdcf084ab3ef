package org.openvrm.agent.remote;

import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate is renewed, as pure functions of its validity and the time: once less than a third of its
 * validity is left, checked about every tenth of it (at least every second, at most every hour). The agent applies
 * it to its own certificate; the manager to its agent-port certificate on start.
 */
public final class CertificateRenewal {

    /** The longest wait between two checks: a certificate of years is still looked at hourly. */
    public static final Duration MAX_CHECK_PERIOD = Duration.ofHours(1);
    static final Duration MIN_CHECK_PERIOD = Duration.ofSeconds(1);

    private CertificateRenewal() {
    }

    /** Whether a certificate valid from {@code notBefore} to {@code notAfter} should be renewed at {@code now}. */
    public static boolean due(Instant notBefore, Instant notAfter, Instant now) {
        if (!notAfter.isAfter(notBefore)) {
            return true; // no validity at all: nothing to keep
        }
        Duration life = Duration.between(notBefore, notAfter);
        Duration left = Duration.between(now, notAfter);
        // left < life / 3, in whole milliseconds, without dividing (so a 1 ms remainder is not lost)
        return left.toMillis() * 3 < life.toMillis();
    }

    /**
     * How often to check a certificate of this validity: a tenth of it, within [1 s, 1 h], so a short-lived test
     * certificate is checked often enough to be renewed in its last third, and a real one hourly.
     */
    public static Duration checkPeriod(Instant notBefore, Instant notAfter) {
        Duration tenth = Duration.between(notBefore, notAfter).dividedBy(10);
        if (tenth.compareTo(MIN_CHECK_PERIOD) < 0) {
            return MIN_CHECK_PERIOD;
        }
        return tenth.compareTo(MAX_CHECK_PERIOD) > 0 ? MAX_CHECK_PERIOD : tenth;
    }

    /**
     * The wait before the next check: the period spread over [period/2, period * 3/2) by {@code random} in [0, 1),
     * so the agents of a fleet (which share one tick scheduler) do not all check, and renew, in one instant.
     */
    public static Duration jittered(Duration period, double random) {
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1), got " + random);
        }
        return Duration.ofMillis(period.toMillis() / 2 + (long) (period.toMillis() * random));
    }
}
