package org.openvrm.core.placement;

import java.util.Optional;

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
        long usable = h.capacity().usableMhz();
        long reserved = h.poweredOnCpuReservationMhz();
        if (reserved + d.cpuReservationMhz() <= usable) {
            return Optional.empty();
        }
        return Optional.of("CPU reservation: needs " + d.cpuReservationMhz() + " MHz, "
                + Math.max(0, usable - reserved) + " MHz unreserved of " + usable + " MHz usable");
    }
}
