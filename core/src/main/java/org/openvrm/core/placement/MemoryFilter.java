package org.openvrm.core.placement;

import java.util.Optional;

/**
 * Memory of powered-on VMs plus this one fits the usable memory, times the overcommit ratio
 * when memory overcommit is on (seeds S4, S9).
 */
public final class MemoryFilter implements HostFilter {

    @Override
    public String name() {
        return "Memory";
    }

    @Override
    public Optional<String> reject(VmDemand d, HostSnapshot h) {
        long capacity = h.memoryCapacityMb();
        long used = h.poweredOnMemoryMb();
        if (used + d.memoryMb() <= capacity) {
            return Optional.empty();
        }
        String ofWhat = h.memoryOvercommitRatio() == 1.0
                ? capacity + " MB usable"
                : capacity + " MB usable (" + h.capacity().usableMemoryMb() + " MB x "
                        + h.memoryOvercommitRatio() + " overcommit)";
        return Optional.of("memory: needs " + d.memoryMb() + " MB, "
                + Math.max(0, capacity - used) + " MB free of " + ofWhat + ": "
                + (used + d.memoryMb() - capacity) + " MB short");
    }
}
