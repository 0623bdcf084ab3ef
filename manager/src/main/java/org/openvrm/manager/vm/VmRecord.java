package org.openvrm.manager.vm;

import java.time.Instant;
import org.openvrm.core.vm.VmState;

public record VmRecord(
        String id, String name, String description, String clusterId, String hostId, String templateId,
        VmState state, VmSpec spec, long generation, Instant createdAt, Instant updatedAt) {

    public VmRecord withState(VmState newState, Instant now) {
        return new VmRecord(id, name, description, clusterId, hostId, templateId, newState, spec, generation,
                createdAt, now);
    }
}
