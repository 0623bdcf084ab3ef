package org.openvrm.api;

/**
 * Memory QoS (seed S8.2).
 *
 * @param sharesLevel LOW, NORMAL (default) or HIGH = 5/10/20 per MB, or CUSTOM with {@code shares}
 * @param reservationMb guaranteed minimum, 0 = none
 * @param limitMb maximum, at most the VM's memory; null = the VM's memory
 */
public record MemoryQos(String sharesLevel, Long shares, Long reservationMb, Long limitMb) {}
