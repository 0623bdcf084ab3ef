package org.openvrm.manager.vm.snapshot;

/** Where a snapshot record is in its life; only a READY one may be reverted to or deleted. */
public enum SnapshotState {
    /** Recorded with its task; the host has not taken it yet. */
    CREATING,
    READY,
    /** Its deletion task runs; the record goes when the host has deleted it. */
    DELETING
}
