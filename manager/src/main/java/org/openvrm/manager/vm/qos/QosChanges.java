package org.openvrm.manager.vm.qos;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvrm.api.DiskIoLimits;
import org.openvrm.api.NetworkQos;
import org.openvrm.api.Vm.VmDisk;
import org.openvrm.api.Vm.VmNic;
import org.openvrm.api.VmQosUpdate;
import org.openvrm.core.placement.VmDemand;
import org.openvrm.manager.vm.VmSpec;

/** A validated QoS change applied to a VM's spec: pure, so the request, the task and the tests agree on it. */
final class QosChanges {

    private QosChanges() {
    }

    /**
     * The spec with the parts the change gives replaced whole and the rest kept. {@code change} has been validated
     * and completed (its CPU and memory QoS carry their shares); a disk or NIC it names that the spec no longer has is
     * ignored (the request checked them; a VM's disks do not change under a running task).
     */
    static VmSpec apply(VmSpec spec, VmQosUpdate change) {
        Map<String, DiskIoLimits> disks = new HashMap<>();
        if (change.disks() != null) {
            change.disks().forEach(d -> disks.put(d.diskId(), d.ioLimits()));
        }
        Map<String, NetworkQos> nics = new HashMap<>();
        if (change.nics() != null) {
            change.nics().forEach(n -> nics.put(n.nicId(), n.qos()));
        }
        List<VmDisk> newDisks = spec.disks().stream().map(d -> !disks.containsKey(d.id()) ? d
                : new VmDisk(d.id(), d.index(), d.sizeMb(), d.datastoreId(), d.provisioning(), d.bus(),
                        disks.get(d.id()), d.image())).toList();
        List<VmNic> newNics = spec.nics().stream().map(n -> !nics.containsKey(n.id()) ? n
                : new VmNic(n.id(), n.index(), n.portGroupId(), n.mac(), n.model(), nics.get(n.id()))).toList();
        return new VmSpec(spec.vcpus(), spec.maxVcpus(), spec.memoryMb(),
                change.cpuQos() != null ? change.cpuQos() : spec.cpuQos(),
                change.memoryQos() != null ? change.memoryQos() : spec.memoryQos(),
                newDisks, newNics, spec.bootOrder());
    }

    /**
     * What a VM holds on its host while a change of its QoS runs: the larger of the old and the new reservations, so
     * a raise is claimed at once and a lowering frees capacity only once the host has applied it.
     */
    static VmDemand held(VmDemand before, VmDemand after) {
        return new VmDemand(before.vcpus(), before.memoryMb(),
                Math.max(before.cpuReservationMhz(), after.cpuReservationMhz()),
                Math.max(before.memoryReservationMb(), after.memoryReservationMb()), before.disks(), before.nics());
    }
}
