package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.SnapshotInfo;

/** A snapshot as the simulator keeps it: the definition and power state to go back to; no time (no clock here). */
record SimSnapshot(String snapshotId, DomainSpec spec, PowerState state) {

    SimSnapshot {
        SnapshotInfo.requireValidId(snapshotId);
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
    }

    SnapshotInfo info() {
        return new SnapshotInfo(snapshotId, Optional.empty(), state);
    }
}
