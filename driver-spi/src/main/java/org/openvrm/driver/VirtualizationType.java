package org.openvrm.driver;

/** Which kind of virtualization a host offers (seed S3/S7). */
public enum VirtualizationType {
    /** KVM with hardware assistance (VT-x/AMD-V). */
    KVM,
    /** Plain emulation: QEMU's tiny code generator, where no hardware assistance is usable. */
    QEMU_TCG,
    /** The simulated driver: no guest code runs. */
    SIMULATED
}
