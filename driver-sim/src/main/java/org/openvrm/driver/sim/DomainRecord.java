package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.PowerState;

/**
 * One defined domain: what it was defined from, its power state, its snapshots (oldest first) and what its guest
 * wrote on the serial console since its last start. Immutable, so readers need no lock.
 */
record DomainRecord(DomainSpec spec, PowerState state, List<SimSnapshot> snapshots, String console) {

    DomainRecord {
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
        snapshots = List.copyOf(requireNonNull(snapshots, "snapshots is null"));
        requireNonNull(console, "console is null");
    }

    DomainRecord(DomainSpec spec, PowerState state) {
        this(spec, state, List.of(), "");
    }

    String vmId() {
        return spec.vmId();
    }

    DomainRecord withState(PowerState newState) {
        return new DomainRecord(spec, newState, snapshots, console);
    }

    DomainRecord withSpec(DomainSpec newSpec) {
        return new DomainRecord(newSpec, state, snapshots, console);
    }

    DomainRecord withConsole(String newConsole) {
        return new DomainRecord(spec, state, snapshots, newConsole);
    }

    /**
     * This domain after a step of {@code op} that ends in {@code target}: a boot (start from stopped, reboot) writes
     * the boot lines, a restore from saved memory starts a new, empty console log as libvirt's does.
     */
    DomainRecord after(Op op, PowerState target) {
        DomainRecord moved = withState(target);
        if (op == Op.START && state == PowerState.HIBERNATED) {
            return moved.withConsole("");
        }
        if (op == Op.START && !Transitions.holdsMemory(state)) {
            return moved.withConsole(SimGuest.bootLines(spec));
        }
        if (op == Op.REBOOT) {
            return moved.withConsole(SimGuest.keepTail(console + SimGuest.bootLines(spec)));
        }
        return moved;
    }

    Optional<SimSnapshot> snapshot(String snapshotId) {
        return snapshots.stream().filter(s -> s.snapshotId().equals(snapshotId)).findFirst();
    }

    /** This domain with a snapshot of how it is now added. */
    DomainRecord withSnapshotOfNow(String snapshotId) {
        List<SimSnapshot> more = new ArrayList<>(snapshots);
        more.add(new SimSnapshot(snapshotId, spec, state));
        return new DomainRecord(spec, state, more, console);
    }

    /**
     * This domain as it was when {@code snapshot} was taken; its snapshots stay. A guest brought back to life from
     * the snapshot's memory runs in a new emulator, whose console log starts empty.
     */
    DomainRecord revertedTo(SimSnapshot snapshot) {
        boolean restored = Transitions.holdsMemory(snapshot.state()) && !Transitions.holdsMemory(state);
        return new DomainRecord(snapshot.spec(), snapshot.state(), snapshots, restored ? "" : console);
    }

    DomainRecord withoutSnapshot(String snapshotId) {
        return new DomainRecord(spec, state,
                snapshots.stream().filter(s -> !s.snapshotId().equals(snapshotId)).toList(), console);
    }

    DomainStatus status() {
        return new DomainStatus(spec.vmId(), state, spec.generation());
    }
}
