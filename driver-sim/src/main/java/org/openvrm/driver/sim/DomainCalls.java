package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.ProgressSink;

/**
 * What every call on one simulated host goes through: the reachability check, the armed faults, the domain's lock
 * and the legality table. Shared by the driver and its per-job helpers.
 */
final class DomainCalls {

    private final SimHostConfig config;
    private final HostState host;
    private final SimFaults faults;

    DomainCalls(SimHostConfig config, HostState host, SimFaults faults) {
        this.config = requireNonNull(config, "config is null");
        this.host = requireNonNull(host, "host is null");
        this.faults = requireNonNull(faults, "faults is null");
    }

    /**
     * Runs {@code body} under the domain's lock with its current record: NOT_FOUND for an unknown domain,
     * INVALID_STATE where {@link Transitions} refuses {@code op}.
     */
    void onDomain(Op op, String vmId, ProgressSink progress, BiConsumer<DomainSlot, DomainRecord> body) {
        locked(op, vmId, progress, (slot, current) -> {
            refuseWhereIllegal(op, current);
            body.accept(slot, current);
        });
    }

    /** Runs {@code body} under the domain's lock with its current record: NOT_FOUND for an unknown domain. */
    void locked(Op op, String vmId, ProgressSink progress, BiConsumer<DomainSlot, DomainRecord> body) {
        requireNonNull(vmId, "vmId is null");
        requireNonNull(progress, "progress is null");
        admit(op, vmId);
        DomainSlot slot = host.slot(vmId);
        if (slot == null) {
            throw host.notFound(vmId);
        }
        slot.lock.lock();
        try {
            DomainRecord current = slot.record();
            if (current == null) {
                throw host.notFound(vmId);
            }
            body.accept(slot, current);
        } finally {
            slot.lock.unlock();
        }
    }

    /** INVALID_STATE, saying why, where {@link Transitions} refuses {@code op}. */
    static void refuseWhereIllegal(Op op, DomainRecord current) {
        if (Transitions.plan(op, current.state()) instanceof Plan.Refuse(String why)) {
            throw new DriverException(Reason.INVALID_STATE, current.vmId() + ": " + why);
        }
    }

    /** The committed record of a domain, for a read: NOT_FOUND for an unknown one. */
    DomainRecord existing(String vmId) {
        requireNonNull(vmId, "vmId is null");
        checkReachable();
        DomainSlot slot = host.slot(vmId);
        DomainRecord current = slot == null ? null : slot.record();
        if (current == null) {
            throw host.notFound(vmId);
        }
        return current;
    }

    /** Reachability first, then a failure armed for this call, if any. */
    void admit(Op op, String vmId) {
        checkReachable();
        Optional<DriverException> failure = faults.take(op, vmId);
        if (failure.isPresent()) {
            throw failure.get();
        }
    }

    void checkReachable() {
        if (host.isClosed()) {
            throw new DriverException(Reason.UNAVAILABLE, "simulated host " + config.hostname() + " is closed");
        }
        if (faults.unavailable()) {
            throw new DriverException(Reason.UNAVAILABLE, "simulated hypervisor on " + config.hostname() + " is down");
        }
    }

    static String describe(Op op, String vmId) {
        return op.name().toLowerCase(Locale.ROOT) + " of " + vmId;
    }
}
