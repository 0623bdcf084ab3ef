package org.openvrm.api;

import java.time.Instant;
import java.util.List;

/**
 * @param state CREATING, STOPPED, STARTING, RUNNING, STOPPING, REBOOTING, SUSPENDING, SUSPENDED, RESUMING,
 *     DELETING, CRASHED or UNKNOWN
 * @param generation bumped on every change to the definition (growing a disk keeps it: the host grows the disk
 *     in place, nothing is redefined)
 * @param guest what the guest agent says; kept in memory, never stored
 * @param lastKnownState while the VM is UNKNOWN, the state it had before (its host failed, or a task could not
 *     learn what its host did); null otherwise
 */
public record Vm(
        String id, String name, String description, String clusterId, String hostId, String templateId,
        String state, int vcpus, int maxVcpus, long memoryMb, CpuQos cpuQos, MemoryQos memoryQos,
        List<VmDisk> disks, List<VmNic> nics, List<String> bootOrder, long generation,
        Instant createdAt, Instant updatedAt, VmGuest guest, String lastKnownState) {

    /** @param image the base image the disk is a linked clone of, or null */
    public record VmDisk(
            String id, int index, long sizeMb, String datastoreId, String provisioning, String bus,
            DiskIoLimits ioLimits, String image) {}

    public record VmNic(String id, int index, String portGroupId, String mac, String model, NetworkQos qos) {}
}
