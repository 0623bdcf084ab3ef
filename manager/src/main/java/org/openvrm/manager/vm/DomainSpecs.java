package org.openvrm.manager.vm;

import java.util.List;
import java.util.OptionalInt;
import org.openvrm.api.CpuQos;
import org.openvrm.core.qos.LibvirtQos;
import org.openvrm.core.qos.SharesLevel;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.CpuTune;
import org.openvrm.manager.datastore.DatastoreService;
import org.openvrm.manager.network.PortGroupService;
import org.openvrm.manager.task.TaskFailure;

/**
 * Turns a stored VM into what a driver defines: datastore paths and bridges instead of ids, and CPU QoS in libvirt's
 * units. The MHz arithmetic happens here, with core's {@link LibvirtQos}, because only the manager knows the host's
 * clock from its inventory and drivers may not see core.
 */
public final class DomainSpecs {

    /** The clock of a host's cores in MHz, as its agent reported it; empty while the host never connected. */
    @FunctionalInterface
    public interface HostMhz {
        OptionalInt of(String hostId);
    }

    private final DatastoreService datastores;
    private final PortGroupService portGroups;
    private final HostMhz hostMhz;

    public DomainSpecs(DatastoreService datastores, PortGroupService portGroups, HostMhz hostMhz) {
        this.datastores = datastores;
        this.portGroups = portGroups;
        this.hostMhz = hostMhz;
    }

    public DomainSpec of(VmRecord vm) {
        VmSpec s = vm.spec();
        List<DomainSpec.DiskSpec> disks = s.disks().stream().map(d -> new DomainSpec.DiskSpec(d.id(), d.sizeMb(),
                datastores.require("datastoreId", d.datastoreId()).path(), d.image(), "thick".equals(d.provisioning()), d.bus()))
                .toList();
        List<DomainSpec.NicSpec> nics = s.nics().stream().map(n -> new DomainSpec.NicSpec(n.mac(),
                portGroups.find("portGroupId", n.portGroupId()).bridge(), n.model())).toList();
        return new DomainSpec(vm.id(), vm.name(), vm.generation(), s.vcpus(), s.maxVcpus(), s.memoryMb(), disks, nics,
                s.bootOrder(), cpuTune(vm.hostId(), s.cpuQos(), s.vcpus()));
    }

    /**
     * Shares: a preset level is recomputed for the current vCPU count (500/1000/2000 per vCPU), CUSTOM is taken as
     * given. Quota: the limit spread over the vCPUs on the default period; none without a limit.
     */
    CpuTune cpuTune(String hostId, CpuQos q, int vcpus) {
        String level = q == null || q.sharesLevel() == null ? SharesLevel.NORMAL.name() : q.sharesLevel();
        long shares = level.equals(SharesLevel.CUSTOM.name()) ? q.shares()
                : org.openvrm.core.qos.CpuQos.cpuShares(SharesLevel.valueOf(level), vcpus);
        long period = LibvirtQos.DEFAULT_PERIOD_MICROS;
        if (q == null || q.limitMhz() == null) {
            return new CpuTune(shares, period, CpuTune.UNLIMITED);
        }
        int mhz = hostMhz.of(hostId).orElseThrow(() -> new TaskFailure("HOST_HARDWARE_UNKNOWN",
                "host " + hostId + " has not reported its CPU clock yet, so cpuQos.limitMhz cannot be applied"));
        return new CpuTune(shares, period, LibvirtQos.cpuQuotaMicros(q.limitMhz(), mhz, vcpus, period));
    }
}
