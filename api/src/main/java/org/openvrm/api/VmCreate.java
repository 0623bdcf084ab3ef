package org.openvrm.api;

import java.util.List;

/**
 * Creates a VM. Fields left out come from the template when {@code templateId} is given, else from defaults;
 * without a template, {@code vcpus} and {@code memoryMb} are required.
 *
 * @param hostId place on this host instead of letting placement choose
 * @param bootOrder "disk", "network", "cdrom"
 */
public record VmCreate(
        String name, String description, String clusterId, String hostId, String templateId,
        Integer vcpus, Integer maxVcpus, Long memoryMb,
        List<DiskCreate> disks, List<NicCreate> nics, List<String> bootOrder,
        CpuQos cpuQos, MemoryQos memoryQos) {}
