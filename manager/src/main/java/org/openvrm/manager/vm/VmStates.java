package org.openvrm.manager.vm;

import java.time.Clock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import java.util.Optional;
import org.openvrm.core.vm.VmState;
import org.openvrm.driver.DomainStatus;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.host.HostLedger;
import org.openvrm.manager.store.Database;

/**
 * The one place a VM's recorded state moves after its task began: store first (compare-and-set, so a stale writer
 * never overwrites a newer state), then the ledger's powered-on flag.
 */
public final class VmStates {

    private final Database db;
    private final VmRepository repo;
    private final HostLedger ledger;
    private final EventLog events;
    private final Clock clock;

    public VmStates(Database db, VmRepository repo, HostLedger ledger, EventLog events, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    public boolean move(VmRecord vm, VmState from, VmState to) {
        return move(vm, from, to, null, h -> { });
    }

    /**
     * Moves the state and, only when it moved, records {@code event}; {@code alsoInTx} (e.g. ending the task) runs
     * in the same transaction either way.
     */
    public boolean move(VmRecord vm, VmState from, VmState to, EventLog.Entry event, Consumer<Handle> alsoInTx) {
        boolean moved = db.tx(h -> {
            boolean m = from == to || repo.compareAndSetState(h, vm.id(), from, to, clock.instant());
            if (m && event != null) {
                events.record(h, event);
            }
            alsoInTx.accept(h);
            return m;
        });
        if (moved) {
            ledger.setPoweredOn(vm.hostId(), vm.id(), to.poweredOn());
        }
        return moved;
    }

    /** Deletes the VM from the store, with {@code event} and {@code alsoInTx} in the same transaction. */
    public void remove(VmRecord vm, EventLog.Entry event, Consumer<Handle> alsoInTx) {
        db.txVoid(h -> {
            repo.delete(h, vm.id());
            events.record(h, event);
            alsoInTx.accept(h);
        });
        ledger.remove(vm.hostId(), vm.id());
    }

    public Optional<VmRecord> find(String id) {
        return db.read(h -> repo.find(h, id));
    }

    /** What the hypervisor's power state means in the manager's terms. */
    public static VmState of(DomainStatus d) {
        return switch (d.state()) {
            case SHUTOFF -> VmState.STOPPED;
            case HIBERNATED -> VmState.HIBERNATED;
            case RUNNING -> VmState.RUNNING;
            case PAUSED -> VmState.SUSPENDED;
            case CRASHED -> VmState.CRASHED;
        };
    }
}
