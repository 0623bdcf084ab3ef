package org.openvrm.api;

/**
 * A host's (or cluster's) CPU in MHz (seed S5).
 *
 * @param totalMhz logical CPUs x MHz
 * @param reservedMhz the management share (seed S4)
 * @param usableMhz total less the management share: what VMs may use
 * @param allocatedMhz vCPUs x MHz of the VMs that hold resources (powered on)
 * @param vmReservedMhz the CPU reservations of those VMs
 * @param freeMhz usable less allocated, not below zero (CPU may be overcommitted)
 * @param reservableMhz usable less the VMs' reservations: what is left to reserve
 */
public record CpuCapacity(
        long totalMhz, long reservedMhz, long usableMhz, long allocatedMhz, long vmReservedMhz,
        long freeMhz, long reservableMhz) {}
