package org.openvrm.driver;

/**
 * Shaping of one direction of a NIC in the units of libvirt's {@code <bandwidth>} (and tc's {@code kbps}):
 * {@code averageKBps} and {@code peakKBps} in kilobytes (1000 bytes) per second, {@code burstKb} in KiB.
 * 0 = not set; peak and burst need an average.
 */
public record Bandwidth(long averageKBps, long peakKBps, long burstKb) {

    public static final Bandwidth NONE = new Bandwidth(0, 0, 0);

    public Bandwidth {
        if (averageKBps < 0 || peakKBps < 0 || burstKb < 0) {
            throw new IllegalArgumentException("bandwidth values must be >= 0 (0 = not set)");
        }
        if (averageKBps == 0 && (peakKBps > 0 || burstKb > 0)) {
            throw new IllegalArgumentException("peak and burst need an average");
        }
        if (peakKBps > 0 && peakKBps < averageKBps) {
            throw new IllegalArgumentException("peakKBps " + peakKBps + " is below averageKBps " + averageKBps);
        }
    }

    public boolean shaped() {
        return averageKBps > 0;
    }
}
