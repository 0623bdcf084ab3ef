package org.openvrm.api;

import java.util.List;

/** A VM shape to create VMs from. */
public record TemplateCreate(
        String name, String description, Integer vcpus, Integer maxVcpus, Long memoryMb,
        List<DiskCreate> disks, List<NicCreate> nics, List<String> bootOrder,
        CpuQos cpuQos, MemoryQos memoryQos) {}
