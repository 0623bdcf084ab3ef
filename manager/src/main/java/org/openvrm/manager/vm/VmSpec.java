package org.openvrm.manager.vm;

import java.util.List;
import org.openvrm.api.CpuQos;
import org.openvrm.api.MemoryQos;
import org.openvrm.api.Vm.VmDisk;
import org.openvrm.api.Vm.VmNic;
import org.openvrm.core.placement.VmDemand;

/** A VM's definition as stored: every default resolved, every reference checked. */
public record VmSpec(
        int vcpus, int maxVcpus, long memoryMb, CpuQos cpuQos, MemoryQos memoryQos,
        List<VmDisk> disks, List<VmNic> nics, List<String> bootOrder) {

    public VmSpec {
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        bootOrder = List.copyOf(bootOrder);
    }

    public VmDemand demand() {
        return new VmDemand(vcpus, memoryMb, cpuQos.reservationMhz(), memoryQos.reservationMb(),
                disks.size(), nics.size());
    }
}
