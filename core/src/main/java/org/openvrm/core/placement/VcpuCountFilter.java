package org.openvrm.core.placement;

import java.util.Optional;

/** A VM cannot have more vCPUs than the host has logical CPUs. */
public final class VcpuCountFilter implements HostFilter {

    @Override
    public String name() {
        return "VcpuCount";
    }

    @Override
    public Optional<String> reject(VmDemand d, HostSnapshot h) {
        int logical = h.capacity().logicalCpus();
        if (d.vcpus() <= logical) {
            return Optional.empty();
        }
        return Optional.of("vCPUs: needs " + d.vcpus() + " vCPUs, host has " + logical + " logical CPUs");
    }
}
