package org.openvrm.api;

/** The six per-disk limits of seed S8.3; null = unlimited. KB/s and requests/s. */
public record DiskIoLimits(
        Long readKBps, Long writeKBps, Long totalKBps, Long readIops, Long writeIops, Long totalIops) {}
