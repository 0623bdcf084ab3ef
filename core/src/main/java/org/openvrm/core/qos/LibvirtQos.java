package org.openvrm.core.qos;

/**
 * Pure conversions from our API units (MHz, KB/s, Mbit/s) to what libvirt's domain XML takes,
 * kept here so the agent's XML writer has no arithmetic of its own.
 */
public final class LibvirtQos {

    /** libvirt's bounds for {@code <period>}: 1 ms .. 1 s. */
    public static final long MIN_PERIOD_MICROS = 1_000;
    public static final long MAX_PERIOD_MICROS = 1_000_000;
    /** libvirt's bounds for {@code <quota>} (a positive quota; -1 means unlimited). */
    public static final long MIN_QUOTA_MICROS = 1_000;
    public static final long MAX_QUOTA_MICROS = 17_592_186_044_415L;
    /** libvirt's default CFS period. */
    public static final long DEFAULT_PERIOD_MICROS = 100_000;

    private LibvirtQos() {
    }

    /**
     * The per-vCPU {@code <quota>} that keeps the whole VM at or below {@code limitMhz}: each vCPU
     * thread may run limit / hostMhz / vcpus of every period. Rounded down, so the limit is never
     * exceeded, but at least libvirt's minimum of 1000 µs. Example: 2400 MHz on a 2400 MHz host
     * with 4 vCPUs and a 100000 µs period is 2400 x 100000 / (2400 x 4) = 25000 µs per vCPU,
     * which is one core's worth for the VM.
     */
    public static long cpuQuotaMicros(long limitMhz, int hostMhz, int vcpus, long periodMicros) {
        if (limitMhz < 1 || hostMhz < 1 || vcpus < 1) {
            throw new IllegalArgumentException("limitMhz, hostMhz and vcpus must be >= 1, got "
                    + limitMhz + ", " + hostMhz + ", " + vcpus);
        }
        if (periodMicros < MIN_PERIOD_MICROS || periodMicros > MAX_PERIOD_MICROS) {
            throw new IllegalArgumentException("periodMicros must be 1000..1000000, got " + periodMicros);
        }
        long quota = Math.multiplyExact(limitMhz, periodMicros) / ((long) hostMhz * vcpus);
        return Math.clamp(quota, MIN_QUOTA_MICROS, MAX_QUOTA_MICROS);
    }

    /** KB/s (1 KB = 1024 bytes) to the bytes/s of libvirt's {@code <iotune>} *_bytes_sec. */
    public static long bytesPerSecond(long kBps) {
        requireNonNegative("kBps", kBps);
        return Math.multiplyExact(kBps, 1024L);
    }

    /**
     * Mbit/s to the KB/s of libvirt's {@code <bandwidth>} average and peak: libvirt hands them to tc
     * as "kbps", which tc reads as 1000 bytes/s, so 1 Mbit/s = 1000000 / 8 / 1000 = 125.
     */
    public static long kbytesPerSecondFromMbps(long mbps) {
        requireNonNegative("mbps", mbps);
        return Math.multiplyExact(mbps, 1000L) / 8;
    }

    /**
     * Shares (2..262144, cgroup v1 {@code cpu.shares}) to a cgroup v2 {@code cpu.weight} (1..10000).
     * libvirt writes {@code <shares>} to cpu.weight unchanged on cgroup v2 hosts and rejects values
     * above 10000 there, so the agent converts on such hosts. Same linear map as crun and runc:
     * 1 + (shares - 2) x 9999 / 262142; 2 -> 1, 1000 -> 39, 262144 -> 10000.
     */
    public static int cgroupV2CpuWeight(int shares) {
        if (shares < CpuQos.MIN_SHARES || shares > CpuQos.MAX_SHARES) {
            throw new IllegalArgumentException("shares must be 2..262144, got " + shares);
        }
        return (int) (1 + (shares - 2L) * 9999 / 262_142);
    }

    // The inverse functions: what a host enforces, read back in the API's units, so that an operator (and the tests)
    // can hold it against what was configured.

    /**
     * The MHz limit a per-vCPU {@code <quota>} enforces: quota x hostMhz x vcpus / period, rounded to the nearest
     * MHz (the quota was rounded down, so the result may lie a fraction of a MHz below the configured limit).
     * Example: 25000 µs of a 100000 µs period on a 2400 MHz host with 2 vCPUs is 1200 MHz. Empty for an unlimited
     * quota (libvirt's -1 or 0).
     */
    public static java.util.OptionalLong mhzFromQuota(long quotaMicros, long periodMicros, int hostMhz, int vcpus) {
        if (hostMhz < 1 || vcpus < 1 || periodMicros < 1) {
            throw new IllegalArgumentException("hostMhz, vcpus and periodMicros must be >= 1, got "
                    + hostMhz + ", " + vcpus + ", " + periodMicros);
        }
        if (quotaMicros <= 0) {
            return java.util.OptionalLong.empty();
        }
        long scaled = Math.multiplyExact(Math.multiplyExact(quotaMicros, (long) hostMhz), (long) vcpus);
        return java.util.OptionalLong.of((scaled + periodMicros / 2) / periodMicros);
    }

    /** libvirt's bytes/s to KB/s (1 KB = 1024 bytes), rounded down; the inverse of {@link #bytesPerSecond}. */
    public static long kBpsFromBytesPerSecond(long bytesPerSecond) {
        requireNonNegative("bytesPerSecond", bytesPerSecond);
        return bytesPerSecond / 1024;
    }

    /**
     * libvirt's (and tc's) kilobytes (1000 bytes) per second to Mbit/s, rounded to the nearest; the inverse of
     * {@link #kbytesPerSecondFromMbps}: 125 -> 1, 1000 -> 8, 12500 -> 100.
     */
    public static long mbpsFromKbytesPerSecond(long kbytesPerSecond) {
        requireNonNegative("kbytesPerSecond", kbytesPerSecond);
        return (Math.multiplyExact(kbytesPerSecond, 8L) + 500) / 1000;
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
