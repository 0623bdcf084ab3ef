package org.openvrm.manager.vm.qos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openvrm.api.CpuQos;
import org.openvrm.api.MemoryQos;
import org.openvrm.api.Task;
import org.openvrm.api.VmQosUpdate;
import org.openvrm.api.VmQosUpdate.DiskQos;
import org.openvrm.api.VmQosUpdate.NicQos;
import org.openvrm.core.capacity.ReservationFit;
import org.openvrm.core.placement.VmDemand;
import org.openvrm.core.vm.VmState;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.host.HostCapacityView;
import org.openvrm.manager.host.HostLedger;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.placement.PlacementService;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.task.TaskRunner;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.task.TaskType;
import org.openvrm.manager.vm.VmRecord;
import org.openvrm.manager.vm.VmService;
import org.openvrm.manager.vm.VmShapeValidator;
import org.openvrm.manager.vm.VmSpec;

/**
 * The API side of changing a VM's QoS: checks the whole request with core's rules, admits a raised reservation on
 * the VM's host, then records the task with its arguments in one transaction. {@link VmQosTasks} tunes the host and
 * records the new QoS when the host has applied it.
 *
 * <p>The ledger holds, while the task runs, the larger of the old and the new reservations (a raise is claimed at
 * once, so two raises never both take the host's last MHz; a lowering frees only when the host has applied it).
 */
public final class VmQosService {

    /** Where the drivers tune a domain: live while it runs or is paused, in its definition while it is off. */
    static final Set<VmState> TUNABLE = Set.of(VmState.RUNNING, VmState.SUSPENDED, VmState.STOPPED, VmState.CRASHED);

    private final Database db;
    private final QosChangeRepository repo;
    private final VmService vms;
    private final HostService hosts;
    private final VmShapeValidator shapes;
    private final PlacementService placement;
    private final HostLedger ledger;
    private final TaskService tasks;
    private final TaskRunner runner;

    public VmQosService(Database db, QosChangeRepository repo, VmService vms, HostService hosts,
                        VmShapeValidator shapes, PlacementService placement, HostLedger ledger, TaskService tasks,
                        TaskRunner runner) {
        this.db = db;
        this.repo = repo;
        this.vms = vms;
        this.hosts = hosts;
        this.shapes = shapes;
        this.placement = placement;
        this.ledger = ledger;
        this.tasks = tasks;
        this.runner = runner;
    }

    public Task update(String vmId, VmQosUpdate req) {
        VmRecord vm = vms.require("id", vmId);
        VmQosUpdate change = validate(vm.spec(), req);
        // the host first: a failed host's VMs are UNKNOWN, and "host down" is the cause an operator can act on
        HostRecord host = hosts.require("hostId", vm.hostId());
        if (!host.state().schedulable()) {
            throw new Conflict("HOST_UNAVAILABLE", "hostId", "host " + host.name() + " is " + host.state()
                    + "; the VM cannot be reached");
        }
        if (!TUNABLE.contains(vm.state())) {
            throw new Conflict("VM_INVALID_STATE", "state", "a VM's QoS changes while it is RUNNING, SUSPENDED, "
                    + "STOPPED or CRASHED; VM " + vm.name() + " is " + vm.state()
                    + (vm.state() == VmState.HIBERNATED ? " (it resumes with the QoS it was saved with)" : ""));
        }
        VmDemand now = vm.spec().demand();
        VmDemand next = QosChanges.apply(vm.spec(), change).demand();
        VmDemand held = QosChanges.held(now, next);
        Task task = placement.exclusively(() -> {
            if (vm.state().poweredOn()) {
                admit(vm, host, now, next);
            }
            Task t = db.tx(h -> {
                if (!repo.lockVm(h, vm.id()).map(vm.state().name()::equals).orElse(false)) {
                    // e.g. started meanwhile: its admission above would be the wrong one
                    throw new Conflict("VM_STATE_CHANGED", "state", "VM " + vm.name()
                            + " changed state while this request was checked; look again and retry");
                }
                if (repo.unfinished(h, vm.id())) {
                    throw new Conflict("QOS_UPDATE_IN_PROGRESS", "id", "VM " + vm.name() + " has a QoS change "
                            + "under way; wait for that task to end");
                }
                Task recorded = tasks.record(h, TaskType.VM_QOS_UPDATE, "vm", vm.id(), vm.name());
                repo.insert(h, new QosChangeRepository.Request(recorded.id(), vm.id(), change));
                return recorded;
            });
            ledger.setDemand(vm.hostId(), vm.id(), held);
            return t;
        });
        runner.submit(task);
        return task;
    }

    /** A raised reservation of a VM holding its host's resources must fit what the host has left to reserve. */
    private void admit(VmRecord vm, HostRecord host, VmDemand now, VmDemand next) {
        if (host.hardware() == null) {
            throw new Conflict("INSUFFICIENT_CAPACITY", "hostId", "host " + host.name()
                    + " has not reported its hardware yet, so a raised reservation cannot be admitted");
        }
        var capacity = HostCapacityView.rules(host.hardware());
        var others = ledger.usageWithout(host.id(), vm.id());
        var reasons = new ArrayList<String>();
        String field = null;
        if (next.cpuReservationMhz() > now.cpuReservationMhz()) {
            var refusal = ReservationFit.check(ReservationFit.Resource.CPU, capacity.usableMhz(),
                    others.poweredOnCpuReservationMhz(), next.cpuReservationMhz());
            if (refusal.isPresent()) {
                reasons.add("host " + host.name() + ": " + refusal.get());
                field = "cpuQos.reservationMhz";
            }
        }
        if (next.memoryReservationMb() > now.memoryReservationMb()) {
            var refusal = ReservationFit.check(ReservationFit.Resource.MEMORY, capacity.usableMemoryMb(),
                    others.poweredOnMemoryReservationMb(), next.memoryReservationMb());
            if (refusal.isPresent()) {
                reasons.add("host " + host.name() + ": " + refusal.get());
                field = field == null ? "memoryQos.reservationMb" : field;
            }
        }
        if (!reasons.isEmpty()) {
            throw new Conflict("INSUFFICIENT_CAPACITY", field, "VM " + vm.name() + " cannot reserve more: "
                    + String.join("; ", reasons), reasons);
        }
    }

    /** Every rule at once (core's QosRules through the shape validator); returns the change with its parts completed. */
    private VmQosUpdate validate(VmSpec spec, VmQosUpdate req) {
        var v = new Validator();
        CpuQos cpu = req.cpuQos() == null ? null : shapes.cpuQos(v, req.cpuQos(), spec.vcpus());
        MemoryQos mem = req.memoryQos() == null ? null : shapes.memoryQos(v, req.memoryQos(), spec.memoryMb());
        Set<String> diskIds = new HashSet<>();
        spec.disks().forEach(d -> diskIds.add(d.id()));
        Set<String> nicIds = new HashSet<>();
        spec.nics().forEach(n -> nicIds.add(n.id()));
        List<DiskQos> disks = req.disks() == null ? null : new ArrayList<>();
        var seen = new HashSet<String>();
        for (int i = 0; req.disks() != null && i < req.disks().size(); i++) {
            String path = "disks[" + i + "]";
            DiskQos d = req.disks().get(i);
            if (d == null) {
                v.add(path, "FIELD_REQUIRED", path + " must be an object");
                continue;
            }
            if (reference(v, path + ".diskId", d.diskId(), diskIds, seen, "disk")) {
                disks.add(d);
            }
            VmShapeValidator.diskIoLimits(v, path + ".ioLimits", d.ioLimits());
        }
        List<NicQos> nics = req.nics() == null ? null : new ArrayList<>();
        seen.clear();
        for (int i = 0; req.nics() != null && i < req.nics().size(); i++) {
            String path = "nics[" + i + "]";
            NicQos n = req.nics().get(i);
            if (n == null) {
                v.add(path, "FIELD_REQUIRED", path + " must be an object");
                continue;
            }
            if (reference(v, path + ".nicId", n.nicId(), nicIds, seen, "NIC")) {
                nics.add(n);
            }
            VmShapeValidator.networkQos(v, path + ".qos", n.qos());
        }
        v.throwIfInvalid();
        return new VmQosUpdate(cpu, mem, disks, nics);
    }

    /** The id is given, the VM's own, and named once. */
    private static boolean reference(Validator v, String field, String id, Set<String> known, Set<String> seen,
                                     String kind) {
        if (v.required(field, id) == null) {
            return false;
        }
        if (!known.contains(id)) {
            v.add(field, "UNKNOWN_" + kind.toUpperCase(), "the VM has no " + kind + " '" + id + "'; its "
                    + kind + "s: " + known.stream().sorted().toList());
            return false;
        }
        if (!seen.add(id)) {
            v.add(field, "DUPLICATE_VALUE", kind + " '" + id + "' is named twice");
            return false;
        }
        return true;
    }
}
