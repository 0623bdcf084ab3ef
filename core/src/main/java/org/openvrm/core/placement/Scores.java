package org.openvrm.core.placement;

/** Arithmetic shared by the scorers. */
final class Scores {

    private Scores() {
    }

    /**
     * capacity x 100 / (capacity + requested), rounded down: 100 on an empty host, 50 when exactly full, and still
     * falling beyond full. Placed VMs may exceed capacity (stopped ones hold nothing), so a score that bottoms out
     * at "full" would stop spreading them. 0 with no capacity.
     */
    static int leastPlaced(long requested, long capacity) {
        if (capacity <= 0) {
            return 0;
        }
        return (int) (capacity * 100 / (capacity + Math.max(0, requested)));
    }
}
