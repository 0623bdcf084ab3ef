package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import org.openvrm.driver.VirtualizationType;

/**
 * What the domain XML needs to know about the host.
 *
 * @param virtualization KVM ({@code <domain type='kvm'>}) or QEMU_TCG ({@code type='qemu'})
 * @param emulator the QEMU binary, e.g. /usr/bin/qemu-system-x86_64
 * @param machine the machine type, e.g. "pc" (i440fx) or "q35"
 */
public record HostFacts(VirtualizationType virtualization, String emulator, String machine) {
    public HostFacts {
        requireNonNull(virtualization, "virtualization is null");
        requireNonNull(emulator, "emulator is null");
        requireNonNull(machine, "machine is null");
        if (virtualization == VirtualizationType.SIMULATED) {
            throw new IllegalArgumentException("libvirt runs KVM or QEMU_TCG, not " + virtualization);
        }
    }
}
