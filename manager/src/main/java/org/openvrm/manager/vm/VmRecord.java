package org.openvrm.manager.vm;

import java.time.Instant;
import org.openvrm.core.vm.VmState;

/** @param lastKnownState while UNKNOWN, the state the VM had before (null otherwise) */
public record VmRecord(
        String id, String name, String description, String clusterId, String hostId, String templateId,
        VmState state, VmSpec spec, long generation, Instant createdAt, Instant updatedAt, VmState lastKnownState) {

    public VmRecord withState(VmState newState, Instant now) {
        return new VmRecord(id, name, description, clusterId, hostId, templateId, newState, spec, generation,
                createdAt, now, newState == VmState.UNKNOWN && state != VmState.UNKNOWN ? state : null);
    }

    /** The same VM with another spec (a change not yet recorded). */
    public VmRecord withSpec(VmSpec newSpec) {
        return new VmRecord(id, name, description, clusterId, hostId, templateId, state, newSpec, generation,
                createdAt, updatedAt, lastKnownState);
    }
}
