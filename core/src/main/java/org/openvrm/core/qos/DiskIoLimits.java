package org.openvrm.core.qos;

/**
 * Maximum I/O of one virtual disk (seed S8.3): bytes per second in KB/s and requests per
 * second, for reads, writes and in total. {@code null} = unlimited. A total cannot be combined
 * with its read/write pair (libvirt refuses it); {@link QosRules#validateDisk} says so.
 */
public record DiskIoLimits(
        Long readKBps, Long writeKBps, Long totalKBps,
        Long readIops, Long writeIops, Long totalIops) {

    public static final DiskIoLimits UNLIMITED = new DiskIoLimits(null, null, null, null, null, null);

    public boolean unlimited() {
        return equals(UNLIMITED);
    }
}
