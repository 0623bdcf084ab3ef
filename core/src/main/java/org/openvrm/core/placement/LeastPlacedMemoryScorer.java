package org.openvrm.core.placement;

/**
 * Spreads by memory: the share of the host's memory capacity (usable x overcommit ratio) left
 * once this VM is added to every VM placed there, stopped ones included, as those may start.
 * 100 = empty, 0 = full or beyond.
 */
public final class LeastPlacedMemoryScorer implements HostScorer {

    @Override
    public String name() {
        return "LeastPlacedMemory";
    }

    @Override
    public int score(VmDemand d, HostSnapshot h) {
        return Scores.leastPlaced(h.placedMemoryMb() + d.memoryMb(), h.memoryCapacityMb());
    }
}
