package org.openvrm.api;

/** @param virtualization KVM, QEMU_TCG or SIMULATED (seed S3) */
public record HostHardware(
        String hostname, String cpuModel, int sockets, int coresPerSocket, int threadsPerCore, int logicalCpus,
        int mhz, long memoryMb, int numaNodes, String virtualization) {}
