package org.openvrm.core.placement;

/** Arithmetic shared by the scorers. */
final class Scores {

    private Scores() {
    }

    /** (capacity - requested) x 100 / capacity, rounded down, within 0..100; 0 with no capacity. */
    static int leastPlaced(long requested, long capacity) {
        if (capacity <= 0 || requested >= capacity) {
            return 0;
        }
        return (int) ((capacity - requested) * 100 / capacity);
    }
}
