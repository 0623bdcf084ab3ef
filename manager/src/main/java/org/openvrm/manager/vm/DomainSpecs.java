package org.openvrm.manager.vm;

import java.util.List;
import org.openvrm.driver.DomainSpec;
import org.openvrm.manager.datastore.DatastoreService;
import org.openvrm.manager.network.PortGroupService;

/** Turns a stored VM into what a driver defines: datastore paths and bridges instead of ids. */
public final class DomainSpecs {

    private final DatastoreService datastores;
    private final PortGroupService portGroups;

    public DomainSpecs(DatastoreService datastores, PortGroupService portGroups) {
        this.datastores = datastores;
        this.portGroups = portGroups;
    }

    public DomainSpec of(VmRecord vm) {
        VmSpec s = vm.spec();
        List<DomainSpec.DiskSpec> disks = s.disks().stream().map(d -> new DomainSpec.DiskSpec(d.id(), d.sizeMb(),
                datastores.require("datastoreId", d.datastoreId()).path(), d.image(), "thick".equals(d.provisioning()), d.bus()))
                .toList();
        List<DomainSpec.NicSpec> nics = s.nics().stream().map(n -> new DomainSpec.NicSpec(n.mac(),
                portGroups.find("portGroupId", n.portGroupId()).bridge(), n.model())).toList();
        return new DomainSpec(vm.id(), vm.name(), vm.generation(), s.vcpus(), s.maxVcpus(), s.memoryMb(), disks, nics,
                s.bootOrder());
    }
}
