package org.openvrm.core.qos;

import java.util.ArrayList;
import java.util.List;

/**
 * Validators for the QoS of seed S8. Each returns every violation found (empty = valid), each
 * named by its JSON path under the caller's prefix, so an API can answer a whole request at once.
 * A {@code null} QoS object means "not given" and is valid.
 *
 * <p>Stable codes:
 * <ul>
 *   <li>{@value #NEGATIVE}: a value below zero;</li>
 *   <li>{@value #OUT_OF_RANGE}: a value outside its range (zero where at least 1 is needed,
 *       or above an absurdity guard);</li>
 *   <li>{@value #RESERVATION_ABOVE_LIMIT}: a reservation above the limit in force;</li>
 *   <li>{@value #LIMIT_ABOVE_SIZE}: a memory limit above the VM's memory size (seed S8.2);</li>
 *   <li>{@value #PEAK_BELOW_AVERAGE}: a peak rate below the average rate;</li>
 *   <li>{@value #REQUIRES_AVERAGE}: a peak or burst without an average rate;</li>
 *   <li>{@value #CONFLICT}: a disk total limit together with its read or write limit.</li>
 * </ul>
 */
public final class QosRules {

    public static final String NEGATIVE = "QOS_NEGATIVE";
    public static final String OUT_OF_RANGE = "QOS_OUT_OF_RANGE";
    public static final String RESERVATION_ABOVE_LIMIT = "QOS_RESERVATION_ABOVE_LIMIT";
    public static final String LIMIT_ABOVE_SIZE = "QOS_LIMIT_ABOVE_SIZE";
    public static final String PEAK_BELOW_AVERAGE = "QOS_PEAK_BELOW_AVERAGE";
    public static final String REQUIRES_AVERAGE = "QOS_REQUIRES_AVERAGE";
    public static final String CONFLICT = "QOS_CONFLICT";

    /** No vCPU runs faster than 100 GHz: a larger MHz figure is a typo. */
    public static final long MAX_MHZ_PER_VCPU = 100_000;
    /** Memory shares above 1000 per MB are a typo (HIGH is 20). */
    public static final long MAX_MEMORY_SHARES_PER_MB = 1_000;
    /** Disk limits above 10^9 KB/s or IOPS are a typo. */
    public static final long MAX_DISK_VALUE = 1_000_000_000L;
    /** 100 Gbit/s: faster than any port we shape. */
    public static final long MAX_RATE_MBPS = 100_000;
    /** 1 GiB; tc keeps the burst as a 32-bit byte count, so stay well inside it. */
    public static final long MAX_BURST_KB = 1_048_576;

    private QosRules() {
    }

    /** Shares 2..262144, reservation 0..vcpus x 100000 MHz, limit 1..the same, reservation <= limit. */
    public static List<Violation> validateCpu(String path, CpuQos q, int vcpus) {
        requirePositive("vcpus", vcpus);
        if (q == null) {
            return List.of();
        }
        var out = new ArrayList<Violation>();
        long maxMhz = vcpus * MAX_MHZ_PER_VCPU;
        range(out, path, "shares", q.shares(), CpuQos.MIN_SHARES, CpuQos.MAX_SHARES, "", false);
        boolean reservationOk = range(out, path, "reservationMhz", q.reservationMhz(), 0, maxMhz, " MHz", false);
        if (q.limitMhz() != null) {
            boolean limitOk = optionalRange(out, path, "limitMhz", q.limitMhz(), 1, maxMhz, " MHz");
            if (reservationOk && limitOk && q.reservationMhz() > q.limitMhz()) {
                out.add(new Violation(join(path, "reservationMhz"), RESERVATION_ABOVE_LIMIT,
                        "reservationMhz " + q.reservationMhz() + " MHz is above limitMhz " + q.limitMhz() + " MHz"));
            }
        }
        return List.copyOf(out);
    }

    /** Shares 0..memoryMb x 1000, 0 <= reservation <= limit <= memoryMb (limit defaults to memoryMb). */
    public static List<Violation> validateMemory(String path, MemoryQos q, long memoryMb) {
        requirePositive("memoryMb", memoryMb);
        if (q == null) {
            return List.of();
        }
        var out = new ArrayList<Violation>();
        long maxShares = Math.min(memoryMb, Long.MAX_VALUE / MAX_MEMORY_SHARES_PER_MB) * MAX_MEMORY_SHARES_PER_MB;
        range(out, path, "shares", q.shares(), 0, maxShares, "", false);
        boolean reservationOk = range(out, path, "reservationMb", q.reservationMb(), 0, Long.MAX_VALUE, " MB", false);
        long ceiling = memoryMb;
        String ceilingName = "the VM's memory size " + memoryMb + " MB (the default limit)";
        if (q.limitMb() != null) {
            long limit = q.limitMb();
            if (optionalRange(out, path, "limitMb", limit, 1, Long.MAX_VALUE, " MB")) {
                if (limit > memoryMb) {
                    out.add(new Violation(join(path, "limitMb"), LIMIT_ABOVE_SIZE,
                            "limitMb " + limit + " MB is above the VM's memory size " + memoryMb + " MB"));
                } else {
                    ceiling = limit;
                    ceilingName = "limitMb " + limit + " MB";
                }
            }
        }
        if (reservationOk && q.reservationMb() > ceiling) {
            out.add(new Violation(join(path, "reservationMb"), RESERVATION_ABOVE_LIMIT,
                    "reservationMb " + q.reservationMb() + " MB is above " + ceilingName));
        }
        return List.copyOf(out);
    }

    /** Each set value 1..10^9; a total cannot be set together with its read or write value. */
    public static List<Violation> validateDisk(String path, DiskIoLimits l) {
        if (l == null) {
            return List.of();
        }
        var out = new ArrayList<Violation>();
        optionalRange(out, path, "readKBps", l.readKBps(), 1, MAX_DISK_VALUE, " KB/s");
        optionalRange(out, path, "writeKBps", l.writeKBps(), 1, MAX_DISK_VALUE, " KB/s");
        optionalRange(out, path, "totalKBps", l.totalKBps(), 1, MAX_DISK_VALUE, " KB/s");
        optionalRange(out, path, "readIops", l.readIops(), 1, MAX_DISK_VALUE, " IOPS");
        optionalRange(out, path, "writeIops", l.writeIops(), 1, MAX_DISK_VALUE, " IOPS");
        optionalRange(out, path, "totalIops", l.totalIops(), 1, MAX_DISK_VALUE, " IOPS");
        conflict(out, path, "totalKBps", l.totalKBps(), "readKBps", l.readKBps(), "writeKBps", l.writeKBps());
        conflict(out, path, "totalIops", l.totalIops(), "readIops", l.readIops(), "writeIops", l.writeIops());
        return List.copyOf(out);
    }

    /** Average 1..100000 Mbit/s; peak the same and >= average; burst 1..1 GiB; peak and burst need an average. */
    public static List<Violation> validateShaping(String path, Shaping s) {
        if (s == null) {
            return List.of();
        }
        var out = new ArrayList<Violation>();
        boolean averageOk = optionalRange(out, path, "averageMbps", s.averageMbps(), 1, MAX_RATE_MBPS, " Mbit/s");
        boolean peakOk = optionalRange(out, path, "peakMbps", s.peakMbps(), 1, MAX_RATE_MBPS, " Mbit/s");
        optionalRange(out, path, "burstKb", s.burstKb(), 1, MAX_BURST_KB, " KB");
        if (s.averageMbps() == null) {
            requiresAverage(out, path, "peakMbps", s.peakMbps());
            requiresAverage(out, path, "burstKb", s.burstKb());
        } else if (averageOk && peakOk && s.peakMbps() != null && s.peakMbps() < s.averageMbps()) {
            out.add(new Violation(join(path, "peakMbps"), PEAK_BELOW_AVERAGE,
                    "peakMbps " + s.peakMbps() + " Mbit/s is below averageMbps " + s.averageMbps() + " Mbit/s"));
        }
        return List.copyOf(out);
    }

    /** Both directions, under {@code path.inbound} and {@code path.outbound}. */
    public static List<Violation> validateNetwork(String path, NetworkQos q) {
        if (q == null) {
            return List.of();
        }
        var out = new ArrayList<Violation>(validateShaping(join(path, "inbound"), q.inbound()));
        out.addAll(validateShaping(join(path, "outbound"), q.outbound()));
        return List.copyOf(out);
    }

    /** {@code join("cpuQos", "limitMhz")} is {@code cpuQos.limitMhz}; an empty prefix gives the bare name. */
    public static String join(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }

    private static boolean optionalRange(List<Violation> out, String path, String field,
                                         Long value, long min, long max, String unit) {
        return value == null || range(out, path, field, value, min, max, unit, true);
    }

    /** Adds at most one violation; true when the value is in range. */
    private static boolean range(List<Violation> out, String path, String field,
                                 long value, long min, long max, String unit, boolean optional) {
        if (value < 0) {
            out.add(new Violation(join(path, field), NEGATIVE,
                    field + " must not be negative, got " + value + unit));
            return false;
        }
        if (value < min || value > max) {
            String bounds = max == Long.MAX_VALUE ? "at least " + min + unit : "between " + min + " and " + max + unit;
            out.add(new Violation(join(path, field), OUT_OF_RANGE,
                    field + " must be " + bounds + ", got " + value + unit
                            + (optional && value < min ? "; omit it for no limit" : "")));
            return false;
        }
        return true;
    }

    private static void conflict(List<Violation> out, String path, String total, Long totalValue,
                                 String read, Long readValue, String write, Long writeValue) {
        if (totalValue != null && (readValue != null || writeValue != null)) {
            out.add(new Violation(join(path, total), CONFLICT,
                    total + " cannot be combined with " + read + " or " + write
                            + "; set either the total or the read/write pair"));
        }
    }

    private static void requiresAverage(List<Violation> out, String path, String field, Long value) {
        if (value != null) {
            out.add(new Violation(join(path, field), REQUIRES_AVERAGE,
                    field + " needs averageMbps: peak and burst shape around an average rate"));
        }
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1 (validate it before its QoS), got " + value);
        }
    }
}
