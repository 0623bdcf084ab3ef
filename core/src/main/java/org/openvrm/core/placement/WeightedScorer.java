package org.openvrm.core.placement;

import java.util.Objects;

/** A scorer and its weight (1..100) in the host's final score. */
public record WeightedScorer(HostScorer scorer, int weight) {

    public WeightedScorer {
        Objects.requireNonNull(scorer, "scorer is null");
        if (weight < 1 || weight > 100) {
            throw new IllegalArgumentException("weight of " + scorer.name() + " must be 1..100, got " + weight);
        }
    }
}
