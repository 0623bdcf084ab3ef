package org.openvrm.manager.vm;

import java.util.List;
import java.util.Set;

/** The limits and defaults of a VM definition, stated once. */
public final class VmDefaults {

    static final int MAX_VCPUS = 256;
    static final long MIN_MEMORY_MB = 16;
    /** 16 TB: the most any x86 server here could hold; a larger figure is a typo. */
    static final long MAX_MEMORY_MB = 16L * 1024 * 1024;
    public static final long MAX_DISK_MB = 64L * 1024 * 1024;
    static final int MAX_DISKS = 16;
    static final int MAX_NICS = 16;
    static final Set<String> PROVISIONING = Set.of("thin", "thick");
    static final Set<String> DISK_BUSES = Set.of("virtio", "scsi", "sata", "ide");
    static final Set<String> NIC_MODELS = Set.of("virtio", "e1000", "rtl8139");
    static final Set<String> BOOT_DEVICES = Set.of("disk", "network", "cdrom");
    static final List<String> BOOT_ORDER = List.of("disk", "network");
    static final Set<String> SHARES_LEVELS = Set.of("LOW", "NORMAL", "HIGH", "CUSTOM");

    private VmDefaults() {}
}
