package org.openvrm.manager.vm;

import org.openvrm.api.Vm;
import org.openvrm.manager.vm.guest.GuestFacts;

final class VmViews {

    private VmViews() {}

    static Vm toApi(VmRecord r, GuestFacts guests) {
        VmSpec s = r.spec();
        return new Vm(r.id(), r.name(), r.description(), r.clusterId(), r.hostId(), r.templateId(), r.state().name(),
                s.vcpus(), s.maxVcpus(), s.memoryMb(), s.cpuQos(), s.memoryQos(), s.disks(), s.nics(), s.bootOrder(),
                r.generation(), r.createdAt(), r.updatedAt(),
                guests.view(r.id(), r.hostId(), r.state()),
                r.lastKnownState() == null ? null : r.lastKnownState().name());
    }
}
