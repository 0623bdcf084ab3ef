package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything a driver needs to define one domain. Built by the agent from the manager's VM model.
 *
 * @param generation bumped by the manager on every change to the VM's definition
 * @param bootOrder device kinds in boot order: "disk", "network", "cdrom"
 */
public record DomainSpec(
        String vmId,
        String name,
        long generation,
        int vcpus,
        int maxVcpus,
        long memoryMb,
        List<DiskSpec> disks,
        List<NicSpec> nics,
        List<String> bootOrder) {

    public DomainSpec {
        requireNonNull(vmId, "vmId is null");
        requireNonNull(name, "name is null");
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        bootOrder = List.copyOf(bootOrder);
        if (vcpus < 1 || maxVcpus < vcpus) {
            throw new IllegalArgumentException("need 1 <= vcpus <= maxVcpus");
        }
        if (memoryMb < 1) {
            throw new IllegalArgumentException("memoryMb must be positive");
        }
    }

    /**
     * @param datastorePath where the volume lives (a directory for the libvirt driver)
     * @param sourceImage a base image to clone from (linked clone through a backing file), or null for a blank disk
     */
    public record DiskSpec(String id, long sizeMb, String datastorePath, String sourceImage, boolean thick, String bus) {
        public DiskSpec {
            requireNonNull(id, "id is null");
            requireNonNull(bus, "bus is null");
            if (sizeMb < 1) {
                throw new IllegalArgumentException("sizeMb must be positive");
            }
        }
    }

    /** @param network the host bridge (port group) this NIC plugs into */
    public record NicSpec(String mac, String network, String model) {
        public NicSpec {
            requireNonNull(mac, "mac is null");
            requireNonNull(network, "network is null");
            requireNonNull(model, "model is null");
        }
    }
}
