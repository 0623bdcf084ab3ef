package org.openvrm.core.placement;

import java.util.List;
import java.util.Objects;

/**
 * Which filters run, in which order, and which scorers with which weights. Filter order only
 * sets the order of the reasons shown: every filter runs on every host.
 */
public record PlacementPolicy(List<HostFilter> filters, List<WeightedScorer> scorers) {

    public PlacementPolicy {
        filters = List.copyOf(Objects.requireNonNull(filters, "filters is null"));
        scorers = List.copyOf(Objects.requireNonNull(scorers, "scorers is null"));
    }

    /** The seed's rules (S4, S5, S8, S9) and spread by placed memory and CPU, weighted equally. */
    public static PlacementPolicy defaults() {
        return new PlacementPolicy(
                List.of(new SchedulableFilter(), new SpecLimitsFilter(), new VcpuCountFilter(),
                        new CpuReservationFilter(), new MemoryFilter(), new MemoryReservationFilter()),
                List.of(new WeightedScorer(new LeastPlacedMemoryScorer(), 1),
                        new WeightedScorer(new LeastPlacedCpuScorer(), 1)));
    }
}
