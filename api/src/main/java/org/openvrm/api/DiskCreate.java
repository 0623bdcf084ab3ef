package org.openvrm.api;

/**
 * @param provisioning "thin" (default) or "thick"
 * @param bus "virtio" (default), "scsi", "sata" or "ide"
 * @param image absolute path of a base image (qcow2 or raw) on the host: the disk becomes a linked clone of it (a
 *     qcow2 overlay with the image as backing file), at least as large as the image; null for a blank disk
 */
public record DiskCreate(
        Long sizeMb, String datastoreId, String provisioning, String bus, DiskIoLimits ioLimits, String image) {}
