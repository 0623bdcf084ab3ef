package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Everything about a domain that can change while it runs without redefining it (seed S8 QoS): CPU weight and cap,
 * memory balloon and reservation, each disk's I/O limits (by {@link DomainSpec.DiskSpec#id()}) and each NIC's
 * shaping (by MAC address). A tuning names every disk and NIC of its domain, no more, no fewer.
 */
public record Tuning(DomainSpec.CpuTune cpu, MemTune memory, Map<String, IoTune> disks, Map<String, NicBandwidth> nics) {

    public Tuning {
        requireNonNull(cpu, "cpu is null");
        requireNonNull(memory, "memory is null");
        disks = Map.copyOf(disks);
        nics = Map.copyOf(nics);
    }
}
