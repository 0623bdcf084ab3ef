package org.openvrm.core.placement;

import java.util.List;
import java.util.Objects;

/**
 * One host's answer to "why was my VM (not) placed here?": every filter's rejection, or the
 * weighted score (0..100) when the host was feasible; an infeasible host scores 0.
 */
public record HostVerdict(String hostId, String hostName, boolean feasible, List<String> reasons, int score) {

    public HostVerdict {
        Objects.requireNonNull(hostId, "hostId is null");
        Objects.requireNonNull(hostName, "hostName is null");
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons is null"));
        if (feasible != reasons.isEmpty()) {
            throw new IllegalArgumentException("host " + hostId + ": feasible exactly when there is no reason");
        }
        if (score < 0 || score > 100 || (!feasible && score != 0)) {
            throw new IllegalArgumentException("host " + hostId + ": score must be 0..100, and 0 when infeasible");
        }
    }
}
