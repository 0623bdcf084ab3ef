package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.openvrm.driver.DomainEventListener;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.HostInventory;
import org.openvrm.driver.HypervisorDriver;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.StateChangeCause;
import org.openvrm.driver.Tuning;
import org.openvrm.driver.VncEndpoint;

/**
 * A hypervisor that runs no guest code: each step takes its configured real time in the calling thread, then the
 * domain's new state is saved (when the host has a state directory) and announced. Calls on one domain run one at a
 * time; calls on different domains run in parallel. Which call is legal in which state is {@link Transitions}.
 */
public final class SimulatedDriver implements HypervisorDriver {

    private static final Duration NO_LIMIT = ChronoUnit.FOREVER.getDuration();

    private final SimHostConfig config;
    private final HostInventory inventory;
    private final MemoryLedger memory;
    private final Listeners listeners = new Listeners();
    private final HostState host;
    private final SimFaults faults;
    private final DomainCalls calls;
    private final SimSnapshots snapshots;
    private final SimDisks disks;
    private final SimTuning tunings;

    /**
     * Opens the host, taking back the domains kept in its state directory as they were: running ones keep running.
     *
     * @throws IllegalStateException when another simulated host owns the state directory
     * @throws UncheckedIOException when the state directory cannot be made or read
     */
    public SimulatedDriver(SimHostConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.inventory = config.inventory();
        this.memory = new MemoryLedger(config.hostname(), config.memoryMb());
        this.host = new HostState(config.hostname(), DomainStore.open(config.stateDir()), memory, listeners);
        this.faults = new SimFaults(host);
        this.calls = new DomainCalls(config, host, faults);
        this.snapshots = new SimSnapshots(config, host, memory, calls);
        this.disks = new SimDisks(config, host, calls);
        this.tunings = new SimTuning(config, host, calls);
    }

    public SimHostConfig config() {
        return config;
    }

    /** The fault knobs of this host. */
    public SimFaults faults() {
        return faults;
    }

    /** Memory held by running and paused domains. */
    public long usedMemoryMb() {
        return memory.usedMb();
    }

    @Override
    public HostInventory inventory() {
        calls.checkReachable();
        return inventory;
    }

    @Override
    public void ping() {
        calls.checkReachable(); // the unavailable knob stops the heartbeat, as a dead libvirtd does
    }

    @Override
    public List<DomainStatus> listDomains() {
        calls.checkReachable();
        return host.statuses();
    }

    @Override
    public Optional<DomainStatus> domain(String vmId) {
        requireNonNull(vmId, "vmId is null");
        calls.checkReachable();
        return Optional.ofNullable(host.slot(vmId)).map(DomainSlot::record).map(DomainRecord::status);
    }

    /**
     * Defines the domain, or does nothing when an equal spec is defined. A different spec replaces the definition
     * while the domain is stopped (its state is kept) and is refused with INVALID_STATE while it runs or is paused.
     */
    @Override
    public void define(DomainSpec spec, ProgressSink progress) {
        requireNonNull(spec, "spec is null");
        requireNonNull(progress, "progress is null");
        String vmId = spec.vmId();
        calls.admit(Op.DEFINE, vmId);
        while (true) {
            DomainSlot slot = host.slotToDefine(vmId);
            slot.lock.lock();
            try {
                if (!host.isCurrent(vmId, slot)) {
                    continue; // undefined while we waited; the next round takes a new slot
                }
                DomainRecord current = slot.record();
                if (current != null && current.spec().equals(spec)) {
                    progress.report(100);
                    return;
                }
                PowerState state = current == null ? PowerState.SHUTOFF : current.state();
                if (current != null && Transitions.plan(Op.DEFINE, state) instanceof Plan.Refuse(String why)) {
                    throw new DriverException(Reason.INVALID_STATE, vmId + ": " + why);
                }
                Pacer.pace(config.stepDelay(Op.DEFINE), progress, "define of " + vmId);
                DomainRecord next = current == null ? new DomainRecord(spec, state) : current.withSpec(spec);
                host.commit(slot, current == null ? next : current, next, StateChangeCause.REQUESTED);
                progress.report(100);
                return;
            } finally {
                host.dropIfEmpty(vmId, slot);
                slot.lock.unlock();
            }
        }
    }

    @Override
    public void start(String vmId, ProgressSink progress) {
        step(Op.START, vmId, NO_LIMIT, progress);
    }

    /** A running guest takes the SHUTDOWN step delay to stop; when that exceeds the timeout it throws TIMEOUT. */
    @Override
    public void shutdown(String vmId, long timeoutMillis, ProgressSink progress) {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeoutMillis is negative: " + timeoutMillis);
        }
        step(Op.SHUTDOWN, vmId, Duration.ofMillis(timeoutMillis), progress);
    }

    @Override
    public void destroy(String vmId, ProgressSink progress) {
        step(Op.DESTROY, vmId, NO_LIMIT, progress);
    }

    @Override
    public void reboot(String vmId, ProgressSink progress) {
        step(Op.REBOOT, vmId, NO_LIMIT, progress);
    }

    @Override
    public void suspend(String vmId, ProgressSink progress) {
        step(Op.SUSPEND, vmId, NO_LIMIT, progress);
    }

    @Override
    public void resume(String vmId, ProgressSink progress) {
        step(Op.RESUME, vmId, NO_LIMIT, progress);
    }

    @Override
    public void undefine(String vmId, ProgressSink progress) {
        step(Op.UNDEFINE, vmId, NO_LIMIT, progress);
    }

    /** Takes the HIBERNATE step delay; the domain then holds no memory and its next start resumes it. */
    @Override
    public void hibernate(String vmId, ProgressSink progress) {
        step(Op.HIBERNATE, vmId, NO_LIMIT, progress);
    }

    /** Takes the GROW_DISK step delay; only the recorded spec changes (a simulated disk has no volume). */
    @Override
    public void growDisk(String vmId, String diskId, long newSizeMb, ProgressSink progress) {
        disks.grow(vmId, diskId, newSizeMb, progress);
    }

    /** Takes the TUNE step delay; only the recorded spec changes (nothing is enforced in a simulation). */
    @Override
    public void tune(String vmId, Tuning tuning, ProgressSink progress) {
        tunings.tune(vmId, tuning, progress);
    }

    @Override
    public Tuning tuning(String vmId) {
        return tunings.tuning(vmId);
    }

    /** 127.0.0.1 and a port derived from the vmId, while the domain runs or is paused. */
    @Override
    public Optional<VncEndpoint> vnc(String vmId) {
        return SimGuest.vnc(vmId, calls.existing(vmId).state());
    }

    /** The lines the simulated guest wrote at its last start and the reboots since. */
    @Override
    public String consoleOutput(String vmId, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
        return SimGuest.tail(calls.existing(vmId).console(), maxBytes);
    }

    /** The simulated agent answers at once while the domain runs. */
    @Override
    public GuestInfo guestInfo(String vmId) {
        DomainRecord current = calls.existing(vmId);
        return SimGuest.guestInfo(current.spec(), current.state());
    }

    /** Takes the SNAPSHOT step delay; records the definition and power state (there are no disks or memory here). */
    @Override
    public void snapshot(String vmId, String snapshotId, ProgressSink progress) {
        snapshots.snapshot(vmId, snapshotId, progress);
    }

    @Override
    public List<SnapshotInfo> snapshots(String vmId) {
        return snapshots.snapshots(vmId);
    }

    /** Takes the REVERT step delay; memory as {@link SimSnapshots#revert} says. */
    @Override
    public void revertToSnapshot(String vmId, String snapshotId, ProgressSink progress) {
        snapshots.revert(vmId, snapshotId, progress);
    }

    @Override
    public void deleteSnapshot(String vmId, String snapshotId, ProgressSink progress) {
        snapshots.delete(vmId, snapshotId, progress);
    }

    @Override
    public void addListener(DomainEventListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Lets go of the state directory, as a dying agent process would: the domains in it stay as they are for the
     * next driver on it, and steps still running fail with UNAVAILABLE instead of saving.
     */
    @Override
    public void close() {
        host.close();
    }

    private void step(Op op, String vmId, Duration limit, ProgressSink progress) {
        requireNonNull(vmId, "vmId is null");
        requireNonNull(progress, "progress is null");
        calls.admit(op, vmId);
        DomainSlot slot = host.slot(vmId);
        if (slot == null) {
            missing(op, vmId, progress);
            return;
        }
        slot.lock.lock();
        try {
            DomainRecord current = slot.record();
            if (current == null) {
                missing(op, vmId, progress);
                return;
            }
            switch (Transitions.plan(op, current.state())) {
                case Plan.Stay() -> progress.report(100);
                case Plan.Refuse(String why) -> throw new DriverException(Reason.INVALID_STATE, vmId + ": " + why);
                case Plan.Move(PowerState target) -> move(op, slot, current, target, limit, progress);
                case Plan.Remove() -> {
                    Pacer.pace(config.stepDelay(op), progress, DomainCalls.describe(op, vmId));
                    host.remove(slot, current);
                    progress.report(100);
                }
            }
        } finally {
            slot.lock.unlock();
        }
    }

    private void missing(Op op, String vmId, ProgressSink progress) {
        if (op != Op.UNDEFINE) {
            throw host.notFound(vmId);
        }
        progress.report(100); // what is not there is undefined already
    }

    private void move(Op op, DomainSlot slot, DomainRecord current, PowerState target, Duration limit,
            ProgressSink progress) {
        String vmId = current.vmId();
        Duration delay = config.stepDelay(op);
        boolean asksGuest = op == Op.SHUTDOWN && current.state() == PowerState.RUNNING;
        if (asksGuest && (faults.shutdownHangs() || delay.compareTo(limit) > 0)) {
            Pacer.idle(limit, DomainCalls.describe(op, vmId));
            throw new DriverException(Reason.TIMEOUT,
                    "the guest of " + vmId + " did not shut down within " + limit.toMillis() + " ms");
        }
        // reserve before the step, so concurrent starts cannot both pass the check and overcommit the host
        boolean reserves = Transitions.holdsMemory(target) && !Transitions.holdsMemory(current.state());
        if (reserves) {
            memory.reserve(vmId, current.spec().memoryMb());
        }
        try {
            Pacer.pace(delay, progress, DomainCalls.describe(op, vmId));
            host.commit(slot, current, current.after(op, target), StateChangeCause.REQUESTED);
        } catch (RuntimeException e) {
            if (reserves) {
                memory.release(vmId);
            }
            throw e;
        }
        progress.report(100);
    }
}
