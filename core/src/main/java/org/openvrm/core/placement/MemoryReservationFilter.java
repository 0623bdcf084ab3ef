package org.openvrm.core.placement;

import java.util.Optional;
import org.openvrm.core.capacity.ReservationFit;

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
        // the overcommit ratio is not applied: reservations are never overcommitted
        return ReservationFit.check(ReservationFit.Resource.MEMORY, h.capacity().usableMemoryMb(),
                h.poweredOnMemoryReservationMb(), d.memoryReservationMb());
    }
}
