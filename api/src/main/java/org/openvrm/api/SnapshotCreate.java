package org.openvrm.api;

/** @param name unique among the VM's snapshots */
public record SnapshotCreate(String name, String description) {}
