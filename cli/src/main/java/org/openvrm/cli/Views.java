package org.openvrm.cli;

import java.util.List;
import java.util.function.BiFunction;
import org.openvrm.api.Cluster;
import org.openvrm.api.CpuCapacity;
import org.openvrm.api.Datastore;
import org.openvrm.api.Alarm;
import org.openvrm.api.Event;
import org.openvrm.api.Host;
import org.openvrm.api.MemoryCapacity;
import org.openvrm.api.NetworkQos;
import org.openvrm.api.PortGroup;
import org.openvrm.api.Snapshot;
import org.openvrm.api.Task;
import org.openvrm.api.Template;
import org.openvrm.api.Vm;

/**
 * The columns of each list's table. Capacity shows as used/usable: CPU in MHz (allocated over usable, seed S5)
 * and memory in GB, so an operator sees at a glance how full each host is.
 *
 * <p>{@code names} turns a referenced id into its name (e.g. a VM's host); tests pass a map.
 */
final class Views {

    private Views() {}

    static List<Column<Cluster>> clusters() {
        return List.of(
                Column.left("ID", Cluster::id),
                Column.left("NAME", Cluster::name),
                Column.right("HOSTS", c -> c.capacity() == null ? null : Integer.toString(c.capacity().hosts())),
                Column.right("VMS", c -> c.capacity() == null ? null : Integer.toString(c.capacity().vms())),
                Column.right("CPU_MHZ", c -> c.capacity() == null ? null : mhz(c.capacity().cpu())),
                Column.right("MEM_GB", c -> c.capacity() == null ? null : gb(c.capacity().memory())),
                Column.right("CPU_RSV_MHZ", c -> c.capacity() == null ? null : reservedMhz(c.capacity().cpu())),
                Column.right("MEM_RSV_GB", c -> c.capacity() == null ? null : reservedGb(c.capacity().memory())),
                Column.left("OVERCOMMIT", c -> c.memoryOvercommit() ? "yes" : "no"));
    }

    static List<Column<Host>> hosts(BiFunction<Kind, String, String> names) {
        return List.of(
                Column.left("ID", Host::id),
                Column.left("NAME", Host::name),
                Column.left("CLUSTER", h -> names.apply(Kind.CLUSTER, h.clusterId())),
                Column.left("STATE", Host::state),
                Column.left("DRIVER", Host::driver),
                Column.right("CPUS", h -> h.hardware() == null ? null : Integer.toString(h.hardware().logicalCpus())),
                Column.right("CPU_MHZ", h -> h.capacity() == null ? null : mhz(h.capacity().cpu())),
                Column.right("MEM_GB", h -> h.capacity() == null ? null : gb(h.capacity().memory())),
                Column.right("CPU_RSV_MHZ", h -> h.capacity() == null ? null : reservedMhz(h.capacity().cpu())),
                Column.right("MEM_RSV_GB", h -> h.capacity() == null ? null : reservedGb(h.capacity().memory())),
                Column.right("VMS", h -> h.capacity() == null || h.capacity().used() == null ? null
                        : Integer.toString(h.capacity().used().vms())));
    }

    static List<Column<Datastore>> datastores() {
        return List.of(
                Column.left("ID", Datastore::id),
                Column.left("NAME", Datastore::name),
                Column.left("TYPE", Datastore::type),
                Column.left("PATH", Datastore::path),
                Column.right("PROVISIONED_GB", d -> Units.gb(d.provisionedMb())),
                Column.right("CAPACITY_GB", d -> Units.gb(d.capacityMb())));
    }

    static List<Column<PortGroup>> portGroups() {
        return List.of(
                Column.left("ID", PortGroup::id),
                Column.left("NAME", PortGroup::name),
                Column.right("VLAN", p -> p.vlanId() == null || p.vlanId() == 0 ? null : p.vlanId().toString()),
                Column.left("BRIDGE", PortGroup::bridge),
                Column.right("IN_MBPS", p -> p.qos() == null ? null : shaping(p.qos().inbound())),
                Column.right("OUT_MBPS", p -> p.qos() == null ? null : shaping(p.qos().outbound())));
    }

    static List<Column<Template>> templates() {
        return List.of(
                Column.left("ID", Template::id),
                Column.left("NAME", Template::name),
                Column.right("CPUS", t -> Integer.toString(t.vcpus())),
                Column.right("MEM_GB", t -> Units.gb(t.memoryMb())),
                Column.right("DISKS", t -> t.disks() == null ? "0" : Integer.toString(t.disks().size())),
                Column.right("NICS", t -> t.nics() == null ? "0" : Integer.toString(t.nics().size())));
    }

    static List<Column<Vm>> vms(BiFunction<Kind, String, String> names) {
        return List.of(
                Column.left("ID", Vm::id),
                Column.left("NAME", Vm::name),
                Column.left("STATE", Vm::state),
                Column.left("HOST", v -> names.apply(Kind.HOST, v.hostId())),
                Column.right("CPUS", v -> Integer.toString(v.vcpus())),
                Column.right("MEM_GB", v -> Units.gb(v.memoryMb())),
                Column.right("DISK_GB", v -> v.disks() == null ? "0"
                        : Units.gb(v.disks().stream().mapToLong(Vm.VmDisk::sizeMb).sum())),
                Column.right("NICS", v -> v.nics() == null ? "0" : Integer.toString(v.nics().size())));
    }

    static List<Column<Snapshot>> snapshots() {
        return List.of(
                Column.left("ID", Snapshot::id),
                Column.left("NAME", Snapshot::name),
                Column.left("STATE", Snapshot::state),
                Column.left("VM_STATE", Snapshot::vmState),
                Column.left("CREATED", s -> s.createdAt() == null ? null : s.createdAt().toString()),
                Column.left("DESCRIPTION", Snapshot::description));
    }

    static List<Column<Task>> tasks() {
        return List.of(
                Column.left("ID", Task::id),
                Column.left("TYPE", Task::type),
                Column.left("TARGET", t -> t.targetName() != null ? t.targetName() : t.targetId()),
                Column.left("TARGET_ID", Task::targetId),
                Column.left("STATE", Task::state),
                Column.right("PROGRESS", t -> t.progress() + "%"),
                Column.left("MESSAGE", t -> t.error() != null && t.error().message() != null
                        ? t.error().message() + ErrorReport.tag(t.error().code(), null) : t.message()));
    }

    static List<Column<Event>> events() {
        return List.of(
                Column.left("TIME", e -> e.time() == null ? null : e.time().toString()),
                Column.left("SEVERITY", Event::severity),
                Column.left("TYPE", Event::type),
                Column.left("TARGET", e -> e.targetId() == null ? null : e.targetId()),
                Column.left("TASK", Event::taskId),
                Column.left("MESSAGE", Event::message));
    }

    static List<Column<Alarm>> alarms() {
        return List.of(
                Column.left("ID", Alarm::id),
                Column.left("RAISED", a -> a.raisedAt() == null ? null : a.raisedAt().toString()),
                Column.left("SEVERITY", Alarm::severity),
                Column.left("CODE", Alarm::code),
                Column.left("RESOURCE", a -> a.resourceType() + " " + a.resourceName()),
                Column.left("STATE", a -> (a.active() ? "active" : "cleared") + (a.acknowledged() ? ", acked" : "")),
                Column.left("MESSAGE", Alarm::message));
    }

    /** allocated/usable, e.g. {@code 4800/21600} */
    static String mhz(CpuCapacity c) {
        return c == null ? null : c.allocatedMhz() + "/" + c.usableMhz();
    }

    /** reserved by VMs/usable MHz, e.g. {@code 4000/4800}: what is left to reserve is the difference */
    static String reservedMhz(CpuCapacity c) {
        return c == null ? null : c.vmReservedMhz() + "/" + c.usableMhz();
    }

    /** reserved by VMs/usable in GB, e.g. {@code 2/58.5} */
    static String reservedGb(MemoryCapacity m) {
        return m == null ? null : Units.gb(m.vmReservedMb()) + "/" + Units.gb(m.usableMb());
    }

    /** allocated/usable in GB, e.g. {@code 12/22.5} */
    static String gb(MemoryCapacity m) {
        return m == null ? null : Units.gb(m.allocatedMb()) + "/" + Units.gb(m.usableMb());
    }

    /** average/peak Mbit/s, e.g. {@code 100/200}; absent parts as "-" */
    static String shaping(NetworkQos.Shaping s) {
        if (s == null || (s.averageMbps() == null && s.peakMbps() == null)) {
            return null;
        }
        return (s.averageMbps() == null ? "-" : s.averageMbps().toString()) + "/"
                + (s.peakMbps() == null ? "-" : s.peakMbps().toString());
    }
}
