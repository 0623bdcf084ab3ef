package org.openvrm.api;

/** @param sizeMb the disk's new size; larger than its size now (a disk only grows) */
public record DiskGrow(Long sizeMb) {}
