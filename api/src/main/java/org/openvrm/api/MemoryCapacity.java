package org.openvrm.api;

/**
 * A host's (or cluster's) memory in MB (seed S4).
 *
 * @param reservedMb the management share
 * @param allocatedMb memory of the VMs that hold resources (powered on)
 * @param vmReservedMb the memory reservations of those VMs
 * @param freeMb usable less allocated
 * @param reservableMb usable less the VMs' reservations
 */
public record MemoryCapacity(
        long totalMb, long reservedMb, long usableMb, long allocatedMb, long vmReservedMb,
        long freeMb, long reservableMb) {}
