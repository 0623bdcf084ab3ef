package org.openvrm.manager.vm.snapshot;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.openvrm.core.vm.VmState;

/**
 * A snapshot as the manager records it.
 *
 * @param vmState the VM's state when the host took it, which a revert returns to; null while CREATING
 * @param taskId the task that made it
 * @param createdAt when the manager accepted the request (the manager's clock, never the host's)
 */
public record SnapshotRecord(String id, String vmId, String name, String description, SnapshotState state,
                             VmState vmState, String taskId, Instant createdAt) {

    public SnapshotRecord {
        requireNonNull(id, "id is null");
        requireNonNull(vmId, "vmId is null");
        requireNonNull(name, "name is null");
        requireNonNull(state, "state is null");
        requireNonNull(taskId, "taskId is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
