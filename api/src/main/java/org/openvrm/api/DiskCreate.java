package org.openvrm.api;

/**
 * @param provisioning "thin" (default) or "thick"
 * @param bus "virtio" (default), "scsi", "sata" or "ide"
 */
public record DiskCreate(Long sizeMb, String datastoreId, String provisioning, String bus, DiskIoLimits ioLimits) {}
