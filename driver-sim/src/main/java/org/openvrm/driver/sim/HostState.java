package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.StateChangeCause;

/**
 * The domains of one simulated host, their memory and where they are kept. A change is committed by saving it first
 * and only then showing it, so memory and disk never disagree about a finished step.
 */
final class HostState implements SimFaults.GuestActions {

    private final String hostname;
    private final DomainStore store;
    private final MemoryLedger memory;
    private final Listeners listeners;
    private final ConcurrentHashMap<String, DomainSlot> slots = new ConcurrentHashMap<>();
    /** Saves take the read side and close the write side, so nothing is saved once close has returned. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /** Takes over {@code store}, loading what it keeps: domains found running hold their memory again. */
    HostState(String hostname, DomainStore store, MemoryLedger memory, Listeners listeners) {
        this.hostname = requireNonNull(hostname, "hostname is null");
        this.store = requireNonNull(store, "store is null");
        this.memory = requireNonNull(memory, "memory is null");
        this.listeners = requireNonNull(listeners, "listeners is null");
        try {
            for (DomainRecord kept : store.load()) {
                slots.put(kept.vmId(), new DomainSlot(kept));
                if (Transitions.holdsMemory(kept.state())) {
                    memory.hold(kept.vmId(), kept.spec().memoryMb());
                }
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The slot of an existing domain, or null. */
    DomainSlot slot(String vmId) {
        return slots.get(vmId);
    }

    /** The slot to define {@code vmId} in, made empty when there is none. */
    DomainSlot slotToDefine(String vmId) {
        return slots.computeIfAbsent(vmId, id -> new DomainSlot());
    }

    /** Whether {@code slot} is still the one for {@code vmId}, i.e. not undefined since it was looked up. */
    boolean isCurrent(String vmId, DomainSlot slot) {
        return slots.get(vmId) == slot;
    }

    /** Drops a slot left empty by a first define that failed. Under the slot's lock. */
    void dropIfEmpty(String vmId, DomainSlot slot) {
        if (slot.record() == null) {
            slots.remove(vmId, slot);
        }
    }

    List<DomainStatus> statuses() {
        return slots.values().stream().map(DomainSlot::record).filter(Objects::nonNull).map(DomainRecord::status)
                .sorted(Comparator.comparing(DomainStatus::vmId)).toList();
    }

    /**
     * Saves and shows {@code next}, frees its memory when its emulator is gone, then announces it when the power
     * state changed. Under the slot's lock.
     */
    void commit(DomainSlot slot, DomainRecord current, DomainRecord next, StateChangeCause cause) {
        persist(current.vmId(), () -> store.save(next));
        slot.set(next);
        if (!Transitions.holdsMemory(next.state())) {
            memory.release(next.vmId());
        }
        if (next.state() != current.state()) {
            listeners.fire(next.status(), cause);
        }
    }

    /** Deletes the domain from disk, then forgets it. Under the slot's lock. */
    void remove(DomainSlot slot, DomainRecord current) {
        persist(current.vmId(), () -> store.delete(current.vmId()));
        slot.set(null);
        slots.remove(current.vmId(), slot);
        memory.release(current.vmId());
    }

    boolean isClosed() {
        return closed;
    }

    /** Lets go of the store; steps still running fail instead of saving. Idempotent. */
    void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                store.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public void crash(String vmId) {
        happen(vmId, EnumSet.of(PowerState.RUNNING, PowerState.PAUSED), PowerState.CRASHED, StateChangeCause.CRASHED);
    }

    @Override
    public void guestPowerOff(String vmId) {
        happen(vmId, EnumSet.of(PowerState.RUNNING), PowerState.SHUTOFF, StateChangeCause.GUEST);
    }

    /** A change nobody asked for; it bypasses the call path on purpose, as guests outlive a down libvirtd. */
    private void happen(String vmId, Set<PowerState> from, PowerState target, StateChangeCause cause) {
        DomainSlot slot = slots.get(vmId);
        if (slot == null) {
            throw notFound(vmId);
        }
        slot.lock.lock();
        try {
            DomainRecord current = slot.record();
            if (current == null) {
                throw notFound(vmId);
            }
            if (!from.contains(current.state())) {
                throw new DriverException(Reason.INVALID_STATE,
                        vmId + " is " + current.state() + "; " + cause + " needs one of " + from);
            }
            commit(slot, current, current.withState(target), cause);
        } finally {
            slot.lock.unlock();
        }
    }

    DriverException notFound(String vmId) {
        return new DriverException(Reason.NOT_FOUND, "no domain " + vmId + " on " + hostname);
    }

    private void persist(String vmId, Runnable write) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new DriverException(Reason.UNAVAILABLE,
                        "host " + hostname + " closed before the step on " + vmId + " finished; nothing changed");
            }
            write.run();
        } catch (UncheckedIOException e) {
            throw new DriverException(Reason.FAILED, "cannot save " + vmId + ": " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }
}
