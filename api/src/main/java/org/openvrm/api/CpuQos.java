package org.openvrm.api;

/**
 * CPU QoS (seed S8.1).
 *
 * @param sharesLevel LOW, NORMAL (default) or HIGH = 500/1000/2000 per vCPU, or CUSTOM with {@code shares}
 * @param shares the weight under contention; derived from the level unless CUSTOM
 * @param reservationMhz guaranteed minimum, 0 = none
 * @param limitMhz maximum; null = unlimited
 */
public record CpuQos(String sharesLevel, Long shares, Long reservationMhz, Long limitMhz) {}
