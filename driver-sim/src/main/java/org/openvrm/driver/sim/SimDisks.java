package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.StateChangeCause;

/** Growing a simulated disk: only the recorded spec changes (there is no volume), after the GROW_DISK delay. */
final class SimDisks {

    private final SimHostConfig config;
    private final HostState host;
    private final DomainCalls calls;

    SimDisks(SimHostConfig config, HostState host, DomainCalls calls) {
        this.config = requireNonNull(config, "config is null");
        this.host = requireNonNull(host, "host is null");
        this.calls = requireNonNull(calls, "calls is null");
    }

    /**
     * The disk's size in the recorded spec becomes {@code newSizeMb}, the generation staying, so the manager's spec
     * with the new size is equal to it. The disk is checked before the state, so a repeated grow that already
     * happened is a no-op in any state.
     */
    void grow(String vmId, String diskId, long newSizeMb, ProgressSink progress) {
        requireNonNull(diskId, "diskId is null");
        calls.locked(Op.GROW_DISK, vmId, progress, (slot, current) -> {
            long nowMb = sizeOf(current.spec(), diskId);
            if (nowMb == newSizeMb) {
                progress.report(100);
                return;
            }
            if (newSizeMb < nowMb) {
                throw new DriverException(Reason.INVALID_STATE, "disks only grow: disk " + diskId + " of " + vmId
                        + " has " + nowMb + " MB, asked for " + newSizeMb + " MB");
            }
            DomainCalls.refuseWhereIllegal(Op.GROW_DISK, current);
            Pacer.pace(config.stepDelay(Op.GROW_DISK), progress, DomainCalls.describe(Op.GROW_DISK, vmId));
            host.commit(slot, current, current.withSpec(withDiskSize(current.spec(), diskId, newSizeMb)),
                    StateChangeCause.REQUESTED);
            progress.report(100);
        });
    }

    private static long sizeOf(DomainSpec spec, String diskId) {
        return spec.disks().stream().filter(d -> d.id().equals(diskId)).mapToLong(DiskSpec::sizeMb).findFirst()
                .orElseThrow(() -> new DriverException(Reason.BAD_REFERENCE,
                        spec.vmId() + " has no disk " + diskId));
    }

    /** {@code spec} with disk {@code diskId} of {@code sizeMb}; everything else, the generation included, kept. */
    static DomainSpec withDiskSize(DomainSpec spec, String diskId, long sizeMb) {
        List<DiskSpec> disks = new ArrayList<>();
        for (DiskSpec d : spec.disks()) {
            disks.add(d.id().equals(diskId) ? d.withSizeMb(sizeMb) : d);
        }
        return new DomainSpec(spec.vmId(), spec.name(), spec.generation(), spec.vcpus(), spec.maxVcpus(),
                spec.memoryMb(), disks, spec.nics(), spec.bootOrder(), spec.cpuTune(), spec.memTune());
    }
}
