package org.openvrm.api;

/**
 * Traffic shaping, seen from the VM: {@code inbound} is what it receives, {@code outbound} what it sends.
 * Null parts are unlimited.
 */
public record NetworkQos(Shaping inbound, Shaping outbound) {

    /** @param averageMbps Mbit/s; @param peakMbps Mbit/s; @param burstKb KB sent at peak before average applies */
    public record Shaping(Long averageMbps, Long peakMbps, Long burstKb) {}
}
