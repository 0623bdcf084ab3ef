package org.openvrm.driver.libvirt;

import java.util.LinkedHashMap;
import java.util.Map;
import org.libvirt.LibvirtException;
import org.openvrm.driver.DomainSpec.CpuTune;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.MemTune;
import org.openvrm.driver.NicBandwidth;
import org.openvrm.driver.Tuning;
import org.openvrm.driver.libvirt.NativeTuning.Param;

/**
 * CPU, memory and disk QoS of one domain through libvirt's API, both ways: written with LIVE and/or CONFIG, read
 * back from the running domain (LIVE) or its persistent definition (CONFIG). NICs are not here: libvirt's
 * {@code <bandwidth>} does not work on this kind of kernel, {@link NicShaping} programs tc instead.
 */
final class HostTuning {

    /** VIR_DOMAIN_MEMORY_PARAM_UNLIMITED, in KiB: what libvirt says and takes for "no soft limit". */
    static final long MEMORY_UNLIMITED_KIB = 9_007_199_254_740_991L;
    /** cgroup v2 reports an unlimited quota as its largest value; v1 as -1, a definition without one as 0. */
    private static final long QUOTA_MAX = 17_592_186_044_415L;
    private static final long KIB_PER_MB = 1024;

    private HostTuning() {
    }

    /**
     * Applies the CPU, memory and disk parts.
     *
     * @param volumes each disk's volume path by disk id (libvirt takes a path where it takes a target)
     * @param flags {@link NativeTuning#LIVE} and/or {@link NativeTuning#CONFIG}
     */
    static void apply(Connection.Open c, String name, Tuning t, Map<String, String> volumes, int flags) {
        Map<String, Param> sched = new LinkedHashMap<>();
        sched.put("cpu_shares", Param.unsigned("cpu_shares", t.cpu().shares()));
        sched.put("vcpu_period", Param.unsigned("vcpu_period", t.cpu().periodMicros()));
        sched.put("vcpu_quota", Param.signed("vcpu_quota", t.cpu().limited() ? t.cpu().quotaMicros() : -1));
        NativeTuning.setScheduler(c.pointer(), name, sched, flags);

        NativeTuning.setMemory(c.pointer(), name, t.memory().balloonMb() * KIB_PER_MB, flags);
        long soft = t.memory().softLimitMb() > 0 ? t.memory().softLimitMb() * KIB_PER_MB : MEMORY_UNLIMITED_KIB;
        NativeTuning.setMemoryParameters(c.pointer(), name, Map.of("soft_limit", Param.unsigned("soft_limit", soft)),
                flags);

        for (Map.Entry<String, IoTune> disk : t.disks().entrySet()) {
            IoTune io = disk.getValue();
            Map<String, Param> limits = new LinkedHashMap<>();
            limits.put("total_bytes_sec", Param.unsigned("total_bytes_sec", io.totalBytesSec()));
            limits.put("read_bytes_sec", Param.unsigned("read_bytes_sec", io.readBytesSec()));
            limits.put("write_bytes_sec", Param.unsigned("write_bytes_sec", io.writeBytesSec()));
            limits.put("total_iops_sec", Param.unsigned("total_iops_sec", io.totalIopsSec()));
            limits.put("read_iops_sec", Param.unsigned("read_iops_sec", io.readIopsSec()));
            limits.put("write_iops_sec", Param.unsigned("write_iops_sec", io.writeIopsSec()));
            NativeTuning.setBlockIoTune(c.pointer(), name, volumes.get(disk.getKey()), limits, flags);
        }
    }

    /**
     * What libvirt enforces (flags LIVE) or has in the definition (CONFIG); the NICs' shaping comes from the
     * caller (tc, or the recorded spec of a stopped domain).
     */
    static Tuning read(Connection.Open c, String name, Map<String, String> volumes, Map<String, NicBandwidth> nics,
            int flags) throws LibvirtException {
        Map<String, Long> sched = NativeTuning.scheduler(c.pointer(), name, flags);
        long quota = sched.getOrDefault("vcpu_quota", 0L);
        CpuTune cpu = new CpuTune(sched.getOrDefault("cpu_shares", 0L), sched.getOrDefault("vcpu_period", 0L),
                quota <= 0 || quota >= QUOTA_MAX ? CpuTune.UNLIMITED : quota);

        // the balloon as the guest has it now (libvirt follows QEMU's balloon events), or the definition's
        long balloonKib = c.domainLookupByName(name).getInfo().memory;
        long soft = NativeTuning.memoryParameters(c.pointer(), name, flags).getOrDefault("soft_limit",
                MEMORY_UNLIMITED_KIB);
        MemTune memory = new MemTune(Math.round(balloonKib / (double) KIB_PER_MB),
                soft >= MEMORY_UNLIMITED_KIB ? 0 : soft / KIB_PER_MB);

        Map<String, IoTune> disks = new LinkedHashMap<>();
        for (Map.Entry<String, String> disk : volumes.entrySet()) {
            Map<String, Long> io = NativeTuning.blockIoTune(c.pointer(), name, disk.getValue(), flags);
            disks.put(disk.getKey(), new IoTune(io.getOrDefault("read_bytes_sec", 0L),
                    io.getOrDefault("write_bytes_sec", 0L), io.getOrDefault("total_bytes_sec", 0L),
                    io.getOrDefault("read_iops_sec", 0L), io.getOrDefault("write_iops_sec", 0L),
                    io.getOrDefault("total_iops_sec", 0L)));
        }
        return new Tuning(cpu, memory, disks, nics);
    }
}
