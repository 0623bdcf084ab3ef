package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.PowerState;

/**
 * One defined domain: what it was defined from, its power state and its snapshots (oldest first). Immutable, so
 * readers need no lock.
 */
record DomainRecord(DomainSpec spec, PowerState state, List<SimSnapshot> snapshots) {

    DomainRecord {
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
        snapshots = List.copyOf(requireNonNull(snapshots, "snapshots is null"));
    }

    DomainRecord(DomainSpec spec, PowerState state) {
        this(spec, state, List.of());
    }

    String vmId() {
        return spec.vmId();
    }

    DomainRecord withState(PowerState newState) {
        return new DomainRecord(spec, newState, snapshots);
    }

    DomainRecord withSpec(DomainSpec newSpec) {
        return new DomainRecord(newSpec, state, snapshots);
    }

    Optional<SimSnapshot> snapshot(String snapshotId) {
        return snapshots.stream().filter(s -> s.snapshotId().equals(snapshotId)).findFirst();
    }

    /** This domain with a snapshot of how it is now added. */
    DomainRecord withSnapshotOfNow(String snapshotId) {
        List<SimSnapshot> more = new ArrayList<>(snapshots);
        more.add(new SimSnapshot(snapshotId, spec, state));
        return new DomainRecord(spec, state, more);
    }

    /** This domain as it was when {@code snapshot} was taken; its snapshots stay. */
    DomainRecord revertedTo(SimSnapshot snapshot) {
        return new DomainRecord(snapshot.spec(), snapshot.state(), snapshots);
    }

    DomainRecord withoutSnapshot(String snapshotId) {
        return new DomainRecord(spec, state,
                snapshots.stream().filter(s -> !s.snapshotId().equals(snapshotId)).toList());
    }

    DomainStatus status() {
        return new DomainStatus(spec.vmId(), state, spec.generation());
    }
}
