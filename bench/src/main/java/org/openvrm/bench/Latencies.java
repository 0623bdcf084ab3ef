package org.openvrm.bench;

import java.util.Arrays;

/** Collects durations (nanoseconds) from many threads and reports nearest-rank percentiles in milliseconds. */
final class Latencies {

    private long[] nanos;
    private int size;

    Latencies(int expected) {
        this.nanos = new long[Math.max(16, expected)];
    }

    synchronized void add(long durationNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = durationNanos;
    }

    synchronized int count() {
        return size;
    }

    /** A sorted copy, so percentiles can be read without holding the lock. */
    synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        return new Summary(sorted);
    }

    /** Nearest-rank percentiles of a sorted sample; every value in milliseconds. */
    record Summary(long[] sorted) {

        int count() {
            return sorted.length;
        }

        double p(double percentile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }

        double max() {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
        }

        double mean() {
            return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(0) / 1e6;
        }
    }
}
