package org.openvrm.api;

import java.time.Instant;
import java.util.List;

public record Template(
        String id, String name, String description, int vcpus, int maxVcpus, long memoryMb,
        List<DiskCreate> disks, List<NicCreate> nics, List<String> bootOrder,
        CpuQos cpuQos, MemoryQos memoryQos, Instant createdAt) {}
