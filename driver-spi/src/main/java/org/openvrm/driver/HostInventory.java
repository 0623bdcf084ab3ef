package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

/**
 * The host's hardware as the driver found it.
 *
 * @param logicalCpus sockets x cores x threads
 * @param mhz nominal core frequency
 * @param memoryMb physical memory
 */
public record HostInventory(
        String hostname,
        String cpuModel,
        int sockets,
        int coresPerSocket,
        int threadsPerCore,
        int logicalCpus,
        int mhz,
        long memoryMb,
        int numaNodes,
        VirtualizationType virtualization) {

    public HostInventory {
        requireNonNull(hostname, "hostname is null");
        requireNonNull(cpuModel, "cpuModel is null");
        requireNonNull(virtualization, "virtualization is null");
        if (sockets < 1 || coresPerSocket < 1 || threadsPerCore < 1 || logicalCpus < 1) {
            throw new IllegalArgumentException("CPU topology must be positive");
        }
        if (mhz < 1 || memoryMb < 1 || numaNodes < 1) {
            throw new IllegalArgumentException("mhz, memoryMb and numaNodes must be positive");
        }
    }
}
