package org.openvrm.core.placement;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Placer#place}. Verdicts are ranked: feasible hosts by score (highest
 * first), then infeasible ones; ties by host id.
 */
public sealed interface PlacementDecision {

    List<HostVerdict> verdicts();

    /** The VM goes to {@code hostId}, whose weighted score was {@code score}. */
    record Placed(String hostId, int score, List<HostVerdict> verdicts) implements PlacementDecision {

        public Placed {
            Objects.requireNonNull(hostId, "hostId is null");
            verdicts = List.copyOf(Objects.requireNonNull(verdicts, "verdicts is null"));
        }
    }

    /**
     * No host can take the VM. {@code tooLargeForAnyHost}: it would not fit even if every host
     * were empty and schedulable (so waiting or freeing hosts will not help); false when the
     * hosts are merely full or unschedulable, and when there are no hosts at all.
     */
    record Unplaceable(boolean tooLargeForAnyHost, List<HostVerdict> verdicts) implements PlacementDecision {

        public Unplaceable {
            verdicts = List.copyOf(Objects.requireNonNull(verdicts, "verdicts is null"));
        }
    }
}
