package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One snapshot of a domain as its driver reports it.
 *
 * @param snapshotId the id the caller chose (see {@link #requireValidId})
 * @param createdAt when the hypervisor took it, if it records that (libvirt does; the simulator, which has no clock,
 *     does not): the manager keeps its own time, taken at the edge, for anything that matters
 * @param stateAtSnapshot the power state the domain had, and returns to on revert (never CRASHED)
 */
public record SnapshotInfo(String snapshotId, Optional<Instant> createdAt, PowerState stateAtSnapshot) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

    public SnapshotInfo {
        requireValidId(snapshotId);
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(stateAtSnapshot, "stateAtSnapshot is null");
    }

    /**
     * Snapshot ids are 1 to 64 letters, digits, '.', '_' and '-', not starting with '.', so every hypervisor can use
     * them as names as they are.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String requireValidId(String snapshotId) {
        requireNonNull(snapshotId, "snapshotId is null");
        if (!ID.matcher(snapshotId).matches()) {
            throw new IllegalArgumentException("snapshotId must be 1-64 of [A-Za-z0-9._-], not starting with '.': "
                    + snapshotId);
        }
        return snapshotId;
    }
}
