package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything a driver needs to define one domain. Built by the agent from the manager's VM model.
 *
 * @param generation bumped by the manager on every change to the VM's definition
 * @param bootOrder device kinds in boot order: "disk", "network", "cdrom"
 * @param cpuTune CPU weight and cap in libvirt's own units, computed by the manager (drivers do no MHz arithmetic)
 * @param memTune the memory balloon and reservation; the balloon is at most {@code memoryMb}
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
        CpuTune cpuTune,
        MemTune memTune) {

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
        memTune = memTune == null ? MemTune.full(memoryMb) : memTune;
        if (memTune.balloonMb() > memoryMb) {
            throw new IllegalArgumentException("memTune.balloonMb " + memTune.balloonMb()
                    + " is above memoryMb " + memoryMb);
        }
    }

    /** A spec with the given CPU tuning and the whole memory for the guest. */
    public DomainSpec(String vmId, String name, long generation, int vcpus, int maxVcpus, long memoryMb,
                      List<DiskSpec> disks, List<NicSpec> nics, List<String> bootOrder, CpuTune cpuTune) {
        this(vmId, name, generation, vcpus, maxVcpus, memoryMb, disks, nics, bootOrder, cpuTune,
                MemTune.full(memoryMb));
    }

    /** A spec with the default CPU tuning for its vCPU count (NORMAL shares, no limit). */
    public DomainSpec(String vmId, String name, long generation, int vcpus, int maxVcpus, long memoryMb,
                      List<DiskSpec> disks, List<NicSpec> nics, List<String> bootOrder) {
        this(vmId, name, generation, vcpus, maxVcpus, memoryMb, disks, nics, bootOrder, CpuTune.defaults(vcpus),
                MemTune.full(memoryMb));
    }

    /** What of this spec can change while the domain runs: its QoS. */
    public Tuning tuning() {
        Map<String, IoTune> io = new LinkedHashMap<>();
        disks.forEach(d -> io.put(d.id(), d.ioTune()));
        Map<String, NicBandwidth> bw = new LinkedHashMap<>();
        nics.forEach(n -> bw.put(n.mac(), n.bandwidth()));
        return new Tuning(cpuTune, memTune, io, bw);
    }

    /**
     * This spec with another tuning, generation unchanged (a tuning changes no hardware).
     *
     * @throws IllegalArgumentException when the tuning does not name exactly this spec's disks and NICs, or its
     *     balloon is above the memory size
     */
    public DomainSpec withTuning(Tuning t) {
        var diskIds = disks.stream().map(DiskSpec::id).collect(Collectors.toSet());
        var macs = nics.stream().map(NicSpec::mac).collect(Collectors.toSet());
        if (!t.disks().keySet().equals(diskIds) || !t.nics().keySet().equals(macs)) {
            throw new IllegalArgumentException("the tuning names disks " + t.disks().keySet() + " and NICs "
                    + t.nics().keySet() + ", but the domain has disks " + diskIds + " and NICs " + macs);
        }
        List<DiskSpec> newDisks = disks.stream().map(d -> d.withIoTune(t.disks().get(d.id()))).toList();
        List<NicSpec> newNics = nics.stream().map(n -> n.withBandwidth(t.nics().get(n.mac()))).toList();
        return new DomainSpec(vmId, name, generation, vcpus, maxVcpus, memoryMb, newDisks, newNics, bootOrder,
                t.cpu(), t.memory());
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
     * @param ioTune the disk's I/O limits ({@link IoTune#UNLIMITED} when none)
     */
    public record DiskSpec(String id, long sizeMb, String datastorePath, String sourceImage, boolean thick, String bus,
                           IoTune ioTune) {
        public DiskSpec {
            requireNonNull(id, "id is null");
            requireNonNull(bus, "bus is null");
            if (sizeMb < 1) {
                throw new IllegalArgumentException("sizeMb must be positive");
            }
            ioTune = ioTune == null ? IoTune.UNLIMITED : ioTune;
        }

        /** A disk without I/O limits. */
        public DiskSpec(String id, long sizeMb, String datastorePath, String sourceImage, boolean thick, String bus) {
            this(id, sizeMb, datastorePath, sourceImage, thick, bus, IoTune.UNLIMITED);
        }

        public DiskSpec withIoTune(IoTune tune) {
            return new DiskSpec(id, sizeMb, datastorePath, sourceImage, thick, bus, tune);
        }

        public DiskSpec withSizeMb(long newSizeMb) {
            return new DiskSpec(id, newSizeMb, datastorePath, sourceImage, thick, bus, ioTune);
        }
    }

    /**
     * @param network the host bridge (port group) this NIC plugs into
     * @param bandwidth the NIC's shaping ({@link NicBandwidth#NONE} when none)
     */
    public record NicSpec(String mac, String network, String model, NicBandwidth bandwidth) {
        public NicSpec {
            requireNonNull(mac, "mac is null");
            requireNonNull(network, "network is null");
            requireNonNull(model, "model is null");
            bandwidth = bandwidth == null ? NicBandwidth.NONE : bandwidth;
        }

        /** A NIC without shaping. */
        public NicSpec(String mac, String network, String model) {
            this(mac, network, model, NicBandwidth.NONE);
        }

        public NicSpec withBandwidth(NicBandwidth b) {
            return new NicSpec(mac, network, model, b);
        }
    }
}
