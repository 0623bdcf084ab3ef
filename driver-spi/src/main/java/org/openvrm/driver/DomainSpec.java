package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything a driver needs to define one domain. Built by the agent from the manager's VM model.
 *
 * @param generation bumped by the manager on every change to the VM's definition
 * @param bootOrder device kinds in boot order: "disk", "network", "cdrom"
 * @param cpuTune CPU weight and cap in libvirt's own units, computed by the manager (drivers do no MHz arithmetic)
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
        List<String> bootOrder,
        CpuTune cpuTune) {

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
        // Specs stored before CPU tuning existed (the simulator's JSON files) read back without one.
        cpuTune = cpuTune == null ? CpuTune.defaults(vcpus) : cpuTune;
    }

    /** A spec with the default CPU tuning for its vCPU count (NORMAL shares, no limit). */
    public DomainSpec(String vmId, String name, long generation, int vcpus, int maxVcpus, long memoryMb,
                      List<DiskSpec> disks, List<NicSpec> nics, List<String> bootOrder) {
        this(vmId, name, generation, vcpus, maxVcpus, memoryMb, disks, nics, bootOrder, CpuTune.defaults(vcpus));
    }

    /**
     * libvirt's {@code <cputune>} for the whole domain.
     *
     * @param shares relative weight under contention (cgroup v1 cpu.shares scale, 2..262144)
     * @param periodMicros CFS period of each vCPU thread, 1000..1000000
     * @param quotaMicros run time each vCPU thread may use per period; {@link #UNLIMITED} = no cap
     */
    public record CpuTune(long shares, long periodMicros, long quotaMicros) {

        public static final long UNLIMITED = -1;
        public static final long DEFAULT_PERIOD_MICROS = 100_000;
        /** Our NORMAL preset, per vCPU (libvirt's own default of 1024 per domain would ignore the VM's size). */
        public static final long NORMAL_SHARES_PER_VCPU = 1_000;

        public CpuTune {
            if (shares < 2 || shares > 262_144) {
                throw new IllegalArgumentException("shares must be 2..262144, got " + shares);
            }
            if (periodMicros < 1_000 || periodMicros > 1_000_000) {
                throw new IllegalArgumentException("periodMicros must be 1000..1000000, got " + periodMicros);
            }
            if (quotaMicros != UNLIMITED && quotaMicros < 1_000) {
                throw new IllegalArgumentException("quotaMicros must be -1 or >= 1000, got " + quotaMicros);
            }
        }

        /** NORMAL shares for this many vCPUs, the default period, no limit. */
        public static CpuTune defaults(int vcpus) {
            return new CpuTune(Math.min(NORMAL_SHARES_PER_VCPU * vcpus, 262_144), DEFAULT_PERIOD_MICROS, UNLIMITED);
        }

        public boolean limited() {
            return quotaMicros != UNLIMITED;
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
