package org.openvrm.core.placement;

import java.util.Optional;

/**
 * Memory reservations of powered-on VMs plus this one fit the usable memory, without the
 * overcommit ratio: seed S9.3, reservations are never overcommitted.
 */
public final class MemoryReservationFilter implements HostFilter {

    @Override
    public String name() {
        return "MemoryReservation";
    }

    @Override
    public Optional<String> reject(VmDemand d, HostSnapshot h) {
        long usable = h.capacity().usableMemoryMb();
        long reserved = h.poweredOnMemoryReservationMb();
        if (reserved + d.memoryReservationMb() <= usable) {
            return Optional.empty();
        }
        return Optional.of("memory reservation: needs " + d.memoryReservationMb() + " MB, "
                + Math.max(0, usable - reserved) + " MB unreserved of " + usable
                + " MB usable (reservations are never overcommitted)");
    }
}
