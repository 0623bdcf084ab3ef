package org.openvrm.api;

import java.time.Instant;

/**
 * A snapshot of a VM: its disks, and its memory when it ran or was paused.
 *
 * @param state CREATING, READY or DELETING
 * @param vmState the VM's state when it was taken (RUNNING, SUSPENDED or STOPPED), which a revert returns the VM
 *     to; null while CREATING
 * @param taskId the task that took it
 */
public record Snapshot(String id, String vmId, String name, String description, String state, String vmState,
                       String taskId, Instant createdAt) {}
