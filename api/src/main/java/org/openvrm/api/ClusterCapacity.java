package org.openvrm.api;

/** The sum over a cluster's connected hosts. */
public record ClusterCapacity(int hosts, int vms, CpuCapacity cpu, MemoryCapacity memory) {}
