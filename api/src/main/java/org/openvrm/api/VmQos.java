package org.openvrm.api;

import java.util.List;

/**
 * A VM's QoS as configured in the manager and as its host enforces it now, both in the API's units (MHz, MB, KB/s,
 * IOPS, Mbit/s, KB), so that they can be compared.
 *
 * @param configured what the manager holds; a NIC's qos is the one in force: its own, else its port group's
 * @param enforced what the host reports now (converted back from libvirt's units); null when the host cannot be
 *     asked (see {@code enforcedNote}). It carries what a host enforces: CPU shares and limit, the memory limit (the
 *     balloon) and reservation (the soft limit), every disk's and NIC's limits. CPU reservation and memory shares
 *     are not enforced on the host (they count in admission), so they are null there.
 * @param enforcedNote why {@code enforced} is null, else null
 */
public record VmQos(String vmId, String state, String hostId, Settings configured, Settings enforced,
                    String enforcedNote) {

    public record Settings(CpuQos cpuQos, MemoryQos memoryQos, List<VmQosUpdate.DiskQos> disks,
                           List<VmQosUpdate.NicQos> nics) {}
}
