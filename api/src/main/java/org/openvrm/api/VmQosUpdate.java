package org.openvrm.api;

import java.util.List;

/**
 * A change to a running (or stopped) VM's QoS. A part left out stays as it is; a part given replaces that part
 * whole, so a limit is removed by leaving it out of the object given.
 *
 * @param cpuQos the VM's new CPU QoS (MHz), or null to keep it
 * @param memoryQos the VM's new memory QoS (MB), or null to keep it
 * @param disks new I/O limits (KB/s, IOPS) of the disks named; other disks keep theirs
 * @param nics new shaping (Mbit/s, KB) of the NICs named; {@code qos} null makes the NIC follow its port group again
 */
public record VmQosUpdate(CpuQos cpuQos, MemoryQos memoryQos, List<DiskQos> disks, List<NicQos> nics) {

    /** @param ioLimits the disk's limits; null or all unset = unlimited */
    public record DiskQos(String diskId, DiskIoLimits ioLimits) {}

    /** @param qos the NIC's own shaping, overriding its port group's; null = its port group's */
    public record NicQos(String nicId, NetworkQos qos) {}
}
