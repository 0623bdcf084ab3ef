package org.openvrm.core.placement;

import java.util.Optional;
import org.openvrm.core.capacity.ReservationFit;

/**
 * CPU reservations of powered-on VMs plus this one fit the usable MHz (seeds S5, S8.1):
 * a guarantee cannot be overcommitted.
 */
public final class CpuReservationFilter implements HostFilter {

    @Override
    public String name() {
        return "CpuReservation";
    }

    @Override
    public Optional<String> reject(VmDemand d, HostSnapshot h) {
        return ReservationFit.check(ReservationFit.Resource.CPU, h.capacity().usableMhz(),
                h.poweredOnCpuReservationMhz(), d.cpuReservationMhz());
    }
}
