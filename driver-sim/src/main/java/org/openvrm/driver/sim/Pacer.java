package org.openvrm.driver.sim;

import java.time.Duration;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.ProgressSink;

/** Makes a step take real time in the calling thread (callers use virtual threads, so sleeping is cheap). */
final class Pacer {

    private static final int TICKS = 10;

    private Pacer() {
    }

    /**
     * Reports 0, then sleeps {@code delay} in ten slices, reporting 10..90 after the first nine; the caller reports
     * 100 once the step's result is committed, so 100 always means done. A zero delay neither sleeps nor reports.
     *
     * @param what names the step in the error thrown when the thread is interrupted
     */
    static void pace(Duration delay, ProgressSink progress, String what) {
        if (delay.isZero()) {
            return;
        }
        progress.report(0);
        long start = System.nanoTime();
        long total = nanos(delay);
        for (int tick = 1; tick <= TICKS; tick++) {
            // deadlines from the start, so rounding in one slice never shortens the whole step
            sleepUntil(start + total / TICKS * tick + (tick == TICKS ? total % TICKS : 0), what);
            if (tick < TICKS) {
                progress.report(tick * 100 / TICKS);
            }
        }
    }

    /** Sleeps {@code duration} without reporting, as a guest that ignores a request does. */
    static void idle(Duration duration, String what) {
        sleepUntil(System.nanoTime() + nanos(duration), what);
    }

    /** Saturates: a timeout of Long.MAX_VALUE millis means "forever", not an overflow. */
    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    // compares by difference, which stays right when now + duration wraps around
    private static void sleepUntil(long deadline, String what) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException(DriverException.Reason.FAILED, what + " was interrupted; nothing changed", e);
            }
        }
    }
}
