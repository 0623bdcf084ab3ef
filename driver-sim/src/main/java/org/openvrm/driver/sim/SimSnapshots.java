package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.StateChangeCause;

/** The snapshot calls of the simulated driver: a snapshot is the domain's spec and power state (no disks here). */
final class SimSnapshots {

    private final SimHostConfig config;
    private final HostState host;
    private final MemoryLedger memory;
    private final DomainCalls calls;

    SimSnapshots(SimHostConfig config, HostState host, MemoryLedger memory, DomainCalls calls) {
        this.config = requireNonNull(config, "config is null");
        this.host = requireNonNull(host, "host is null");
        this.memory = requireNonNull(memory, "memory is null");
        this.calls = requireNonNull(calls, "calls is null");
    }

    /** Takes the SNAPSHOT step delay; records the definition and power state. */
    void snapshot(String vmId, String snapshotId, ProgressSink progress) {
        SnapshotInfo.requireValidId(snapshotId);
        calls.onDomain(Op.SNAPSHOT, vmId, progress, (slot, current) -> {
            if (current.snapshot(snapshotId).isPresent()) {
                progress.report(100);
                return;
            }
            Pacer.pace(config.stepDelay(Op.SNAPSHOT), progress, DomainCalls.describe(Op.SNAPSHOT, vmId));
            host.commit(slot, current, current.withSnapshotOfNow(snapshotId), StateChangeCause.REQUESTED);
            progress.report(100);
        });
    }

    List<SnapshotInfo> snapshots(String vmId) {
        return calls.existing(vmId).snapshots().stream().map(SimSnapshot::info).toList();
    }

    /**
     * Takes the REVERT step delay. Going back to a running or paused snapshot reserves the memory of the snapshot's
     * definition first (RESOURCE_EXHAUSTED when the host lacks it); going back to a stopped one frees it. A
     * hibernated domain's saved memory is discarded.
     */
    void revert(String vmId, String snapshotId, ProgressSink progress) {
        requireNonNull(snapshotId, "snapshotId is null");
        calls.onDomain(Op.REVERT, vmId, progress, (slot, current) -> {
            SimSnapshot snapshot = current.snapshot(snapshotId).orElseThrow(() -> new DriverException(
                    Reason.NOT_FOUND, "no snapshot " + snapshotId + " of " + vmId + " on " + config.hostname()));
            DomainRecord next = current.revertedTo(snapshot);
            boolean wasHolding = Transitions.holdsMemory(current.state());
            boolean reserves = Transitions.holdsMemory(next.state()) && !wasHolding;
            if (reserves) {
                memory.reserve(vmId, next.spec().memoryMb());
            }
            try {
                Pacer.pace(config.stepDelay(Op.REVERT), progress, DomainCalls.describe(Op.REVERT, vmId));
                host.commit(slot, current, next, StateChangeCause.REQUESTED);
            } catch (RuntimeException e) {
                if (reserves) {
                    memory.release(vmId);
                }
                throw e;
            }
            if (wasHolding && Transitions.holdsMemory(next.state())) {
                memory.hold(vmId, next.spec().memoryMb()); // the snapshot's definition may differ in memory
            }
            progress.report(100);
        });
    }

    void delete(String vmId, String snapshotId, ProgressSink progress) {
        requireNonNull(snapshotId, "snapshotId is null");
        calls.onDomain(Op.DELETE_SNAPSHOT, vmId, progress, (slot, current) -> {
            if (current.snapshot(snapshotId).isEmpty()) {
                progress.report(100);
                return;
            }
            Pacer.pace(config.stepDelay(Op.DELETE_SNAPSHOT), progress,
                    DomainCalls.describe(Op.DELETE_SNAPSHOT, vmId));
            host.commit(slot, current, current.withoutSnapshot(snapshotId), StateChangeCause.REQUESTED);
            progress.report(100);
        });
    }
}
