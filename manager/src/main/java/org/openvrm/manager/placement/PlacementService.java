package org.openvrm.manager.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.openvrm.core.placement.HostSnapshot;
import org.openvrm.core.placement.PlacementDecision;
import org.openvrm.core.placement.Placer;
import org.openvrm.core.placement.VmDemand;
import org.openvrm.manager.host.HostCapacityView;
import org.openvrm.manager.host.HostLedger;
import org.openvrm.manager.host.HostRecord;

/**
 * Builds read-only host snapshots for the pure placer in core and serializes every decision that claims capacity
 * (placing a new VM, admitting a start), so two requests never both take the last free memory of a host.
 */
public final class PlacementService {

    /** Seed S9: memory reuse raises the overcommit ratio to 130 %. */
    public static final double OVERCOMMIT_RATIO = 1.3;

    private final Placer placer;
    private final HostLedger ledger;
    private final ReentrantLock lock = new ReentrantLock();

    public PlacementService(Placer placer, HostLedger ledger) {
        this.placer = placer;
        this.ledger = ledger;
    }

    /** Runs {@code claim} (decide, then store the claim) with no other claim in between. */
    public <T> T exclusively(Supplier<T> claim) {
        lock.lock();
        try {
            return claim.get();
        } finally {
            lock.unlock();
        }
    }

    public PlacementDecision place(VmDemand demand, List<HostRecord> candidates, boolean overcommit) {
        List<HostSnapshot> snapshots = new ArrayList<>(candidates.size());
        for (HostRecord h : candidates) {
            if (h.hardware() != null) {
                snapshots.add(snapshot(h, ledger.usage(h.id()), overcommit));
            }
        }
        return placer.place(demand, snapshots);
    }

    /** Why the VM may not power on on its host now; empty when it may. */
    public List<String> admitStart(String vmId, VmDemand demand, HostRecord host, boolean overcommit) {
        if (host.hardware() == null) {
            return List.of(host.name() + ": its hardware is not known yet");
        }
        return placer.admitStart(demand, snapshot(host, ledger.usageWithout(host.id(), vmId), overcommit))
                .stream().map(r -> host.name() + ": " + r).toList();
    }

    private static HostSnapshot snapshot(HostRecord h, HostLedger.Usage u, boolean overcommit) {
        var capacity = HostCapacityView.rules(h.hardware());
        return new HostSnapshot(h.id(), h.name(), h.state().schedulable(),
                h.state().schedulable() ? null : "host is " + h.state(), capacity, u.vms(), u.disks(), u.nics(),
                u.poweredOnMemoryMb(), u.poweredOnCpuReservationMhz(), u.poweredOnMemoryReservationMb(),
                u.placedMemoryMb(), (long) u.placedVcpus() * h.hardware().mhz(), overcommit ? OVERCOMMIT_RATIO : 1.0);
    }
}
