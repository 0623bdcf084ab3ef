package org.openvrm.core.placement;

/**
 * Spreads by CPU: the share of usable MHz left once this VM's vCPUs x host MHz are added to
 * those of every VM placed there. 100 = empty, 0 = full or beyond.
 */
public final class LeastPlacedCpuScorer implements HostScorer {

    @Override
    public String name() {
        return "LeastPlacedCpu";
    }

    @Override
    public int score(VmDemand d, HostSnapshot h) {
        long requested = h.placedVcpuMhz() + (long) d.vcpus() * h.capacity().mhz();
        return Scores.leastPlaced(requested, h.capacity().usableMhz());
    }
}
