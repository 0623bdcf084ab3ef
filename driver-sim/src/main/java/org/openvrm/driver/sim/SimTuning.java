package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.StateChangeCause;
import org.openvrm.driver.Tuning;

/** Tuning a simulated domain: the recorded spec takes the new QoS (generation kept) after the TUNE delay. */
final class SimTuning {

    private final SimHostConfig config;
    private final HostState host;
    private final DomainCalls calls;

    SimTuning(SimHostConfig config, HostState host, DomainCalls calls) {
        this.config = requireNonNull(config, "config is null");
        this.host = requireNonNull(host, "host is null");
        this.calls = requireNonNull(calls, "calls is null");
    }

    /** The disks and NICs are checked before the state, like a grow: a repeated tune is a no-op in any state. */
    void tune(String vmId, Tuning tuning, ProgressSink progress) {
        requireNonNull(tuning, "tuning is null");
        calls.locked(Op.TUNE, vmId, progress, (slot, current) -> {
            DomainSpec tuned;
            try {
                tuned = current.spec().withTuning(tuning);
            } catch (IllegalArgumentException e) {
                throw new DriverException(Reason.BAD_REFERENCE, vmId + ": " + e.getMessage());
            }
            if (tuned.equals(current.spec())) {
                progress.report(100);
                return;
            }
            DomainCalls.refuseWhereIllegal(Op.TUNE, current);
            Pacer.pace(config.stepDelay(Op.TUNE), progress, DomainCalls.describe(Op.TUNE, vmId));
            host.commit(slot, current, current.withSpec(tuned), StateChangeCause.REQUESTED);
            progress.report(100);
        });
    }

    /** What the simulated hypervisor enforces: its recorded spec's tuning. */
    Tuning tuning(String vmId) {
        return calls.existing(vmId).spec().tuning();
    }
}
