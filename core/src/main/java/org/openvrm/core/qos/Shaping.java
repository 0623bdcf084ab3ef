package org.openvrm.core.qos;

/**
 * Traffic shaping of one direction (seed S8.4): average and peak rate in Mbit/s, burst size in
 * KB. {@code null} = not shaped; peak and burst need an average, as in libvirt's bandwidth element.
 */
public record Shaping(Long averageMbps, Long peakMbps, Long burstKb) {

    public static Shaping average(long averageMbps) {
        return new Shaping(averageMbps, null, null);
    }
}
