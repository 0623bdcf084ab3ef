package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.libvirt.CallRules.Op;
import org.openvrm.driver.libvirt.CallRules.Plan;
import org.openvrm.driver.libvirt.Domains.Found;
import org.openvrm.driver.libvirt.Domains.Managed;
import org.openvrm.driver.libvirt.Domains.Unmanaged;

/**
 * How every call reaches one domain: under the domain's lock (striped), looked up, refused when it is not ours, then
 * checked against {@link CallRules}. Shared by the driver and its per-job helpers.
 */
final class DomainActions {

    private final Connection connection;
    private final Domains domains;
    private final ReentrantLock[] locks = new ReentrantLock[64];

    DomainActions(Connection connection, Domains domains) {
        this.connection = requireNonNull(connection, "connection is null");
        this.domains = requireNonNull(domains, "domains is null");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** One step on an existing domain: look it up, consult {@link CallRules}, act under the domain's lock. */
    void act(Op op, String vmId, ProgressSink progress, PowerOps.Step step) {
        requireNonNull(vmId, "vmId is null");
        requireNonNull(progress, "progress is null");
        locked(vmId, () -> {
            Optional<Found> found = find(vmId);
            if (found.isEmpty() && op == Op.UNDEFINE) {
                progress.report(100); // what is not there is undefined already
                return;
            }
            Managed m = managed(vmId, found);
            switch (CallRules.plan(op, m.state())) {
                case Plan.Stay() -> progress.report(100);
                case Plan.Refuse(String why) -> throw new DriverException(Reason.INVALID_STATE, vmId + ": " + why);
                case Plan.Act(var target) -> {
                    progress.report(0);
                    step.run(m, progress);
                    progress.report(100);
                }
            }
        });
    }

    /** INVALID_STATE, saying why, where {@link CallRules} refuses {@code op} in the domain's state. */
    static void refuseWhereIllegal(Op op, Managed m, String vmId) {
        if (CallRules.plan(op, m.state()) instanceof Plan.Refuse(String why)) {
            throw new DriverException(Reason.INVALID_STATE, vmId + ": " + why);
        }
    }

    Optional<Found> find(String vmId) {
        return connection.call("look up " + vmId, c -> domains.find(c, vmId));
    }

    /** The domain of {@code vmId} whatever its owner; NOT_FOUND when there is none. */
    Found existing(String vmId) {
        requireNonNull(vmId, "vmId is null");
        return find(vmId).orElseThrow(() -> notFound(vmId));
    }

    /** Our domain of {@code vmId}: NOT_FOUND when there is none, INVALID_STATE when the name is not ours. */
    Managed managed(String vmId, Optional<Found> found) {
        if (found.isEmpty()) {
            throw notFound(vmId);
        }
        if (found.get() instanceof Unmanaged u) {
            throw new DriverException(Reason.INVALID_STATE, "domain " + u.name()
                    + " is not managed by OpenVRM; it is left alone");
        }
        return (Managed) found.get();
    }

    void locked(String vmId, Runnable body) {
        ReentrantLock lock = locks[Math.floorMod(vmId.hashCode(), locks.length)];
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    private DriverException notFound(String vmId) {
        return new DriverException(Reason.NOT_FOUND, "no domain for VM " + vmId + " (" + domains.nameOf(vmId) + ")");
    }
}
