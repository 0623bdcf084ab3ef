package org.openvrm.api;

/**
 * @param managementVcpus vCPUs kept for the host's own management (seed S4)
 * @param limits the host spec limits for its memory size (seed S4)
 * @param used what is placed on the host now, counted against those limits
 */
public record HostCapacity(
        int managementVcpus, CpuCapacity cpu, MemoryCapacity memory, HostLimits limits, HostLimits used) {

    public record HostLimits(int vms, int disks, int nics) {}
}
