package org.openvrm.manager.vm;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.openvrm.api.Page;
import org.openvrm.api.Task;
import org.openvrm.api.Template;
import org.openvrm.api.Vm;
import org.openvrm.api.VmCreate;
import org.openvrm.core.placement.PlacementDecision;
import org.openvrm.core.placement.VmDemand;
import org.openvrm.core.vm.Transition;
import org.openvrm.core.vm.VmAction;
import org.openvrm.core.vm.VmLifecycle;
import org.openvrm.core.vm.VmState;
import org.openvrm.manager.Ids;
import org.openvrm.manager.cluster.ClusterRecord;
import org.openvrm.manager.cluster.ClusterService;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.ApiException.InvalidInput;
import org.openvrm.manager.error.ApiException.NotFound;
import org.openvrm.manager.error.ApiException.Unprocessable;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.host.HostLedger;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.manager.host.HostService;
import org.openvrm.manager.placement.PlacementService;
import org.openvrm.manager.store.Constraints;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Names;
import org.openvrm.manager.task.TaskRunner;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.task.TaskType;
import org.openvrm.manager.template.TemplateService;
import org.openvrm.manager.vm.guest.GuestFacts;

/**
 * The API side of VMs: checks a request completely, claims capacity and records the change with its task in one
 * transaction, then hands the task to the runner. Nothing here talks to a host; {@link VmTasks} does.
 */
public final class VmService {

    private final Database db;
    private final VmRepository repo;
    private final VmShapeValidator shapes;
    private final VmReferences refs;
    private final ClusterService clusters;
    private final HostService hosts;
    private final TemplateService templates;
    private final PlacementService placement;
    private final HostLedger ledger;
    private final TaskService tasks;
    private final TaskRunner runner;
    private final Clock clock;
    private final Ids ids;
    private final GuestFacts guests;

    public VmService(Database db, VmRepository repo, VmShapeValidator shapes, VmReferences refs,
                     ClusterService clusters, HostService hosts, TemplateService templates,
                     PlacementService placement, HostLedger ledger, TaskService tasks, TaskRunner runner,
                     Clock clock, Ids ids, GuestFacts guests) {
        this.db = db;
        this.repo = repo;
        this.shapes = shapes;
        this.refs = refs;
        this.clusters = clusters;
        this.hosts = hosts;
        this.templates = templates;
        this.placement = placement;
        this.ledger = ledger;
        this.tasks = tasks;
        this.runner = runner;
        this.clock = clock;
        this.ids = ids;
        this.guests = guests;
    }

    public Task create(VmCreate req) {
        var v = new Validator();
        v.name("name", req.name());
        v.description("description", req.description());
        Template t = req.templateId() == null ? null : templates.require("templateId", req.templateId());
        HostRecord pinned = req.hostId() == null ? null : hosts.require("hostId", req.hostId());
        String vmId = ids.next("vm");
        VmSpec spec = shapes.validate(v, shape(req, t), refs, i -> vmId + "-disk" + i, i -> vmId + "-nic" + i);
        String clusterId = req.clusterId() != null ? req.clusterId()
                : pinned != null ? pinned.clusterId() : refs.onlyCluster(v);
        v.throwIfInvalid();
        ClusterRecord cluster = clusters.require("clusterId", clusterId);
        if (pinned != null && !pinned.clusterId().equals(cluster.id())) {
            throw new InvalidInput("hostId", "HOST_NOT_IN_CLUSTER", "host " + pinned.name()
                    + " is not in cluster " + cluster.name());
        }
        refs.checkThickSpace(spec);
        VmDemand demand = spec.demand();
        List<HostRecord> candidates = pinned != null ? List.of(pinned) : hosts.inCluster(cluster.id());
        // Decide and claim the host's capacity under the lock; store outside it, giving the claim back on failure.
        String hostId = placement.exclusively(() -> {
            String chosen = switch (placement.place(demand, candidates, cluster.memoryOvercommit())) {
                case PlacementDecision.Placed p -> p.hostId();
                case PlacementDecision.Unplaceable u -> throw unplaceable(req.name(), demand, u, candidates);
            };
            ledger.put(chosen, new HostLedger.Footprint(vmId, demand, false));
            return chosen;
        });
        Task task;
        try {
            var now = clock.instant();
            var vm = new VmRecord(vmId, req.name(), req.description(), cluster.id(), hostId, req.templateId(),
                    VmState.CREATING, spec, 1, now, now, null);
            task = Constraints.guard(() -> db.tx(h -> {
                Names.requireFree(h, "vms", "VM", vm.name());
                for (var nic : spec.nics()) {
                    if (repo.macTaken(h, nic.mac())) {
                        throw new Conflict("MAC_IN_USE", "nics[" + nic.index() + "].mac", "MAC " + nic.mac()
                                + " is already used by another VM");
                    }
                }
                repo.insert(h, vm);
                return tasks.record(h, TaskType.VM_CREATE, "vm", vm.id(), vm.name());
            }), () -> new Conflict("NAME_OR_MAC_TAKEN", "name", "the name or a MAC of VM '" + vm.name()
                    + "' was taken by a concurrent request"), null);
        } catch (RuntimeException e) {
            ledger.remove(hostId, vmId);
            throw e;
        }
        runner.submit(task);
        return task;
    }

    private static VmShapeValidator.Shape shape(VmCreate r, Template t) {
        if (t == null) {
            return new VmShapeValidator.Shape(r.vcpus(), r.maxVcpus(), r.memoryMb(), r.disks(), r.nics(),
                    r.bootOrder(), r.cpuQos(), r.memoryQos());
        }
        return new VmShapeValidator.Shape(or(r.vcpus(), t.vcpus()),
                r.maxVcpus() != null ? r.maxVcpus() : r.vcpus() != null ? null : t.maxVcpus(),
                or(r.memoryMb(), t.memoryMb()), or(r.disks(), t.disks()), or(r.nics(), t.nics()),
                or(r.bootOrder(), t.bootOrder()), or(r.cpuQos(), t.cpuQos()), or(r.memoryQos(), t.memoryQos()));
    }

    /** The request's value, else the template's (which may be absent too). */
    private static <T> T or(T requested, T fromTemplate) {
        return requested != null ? requested : fromTemplate;
    }

    /** "Larger than any host" is the request's fault (422, naming the field); "all hosts full" is a conflict. */
    private static RuntimeException unplaceable(String name, VmDemand d, PlacementDecision.Unplaceable u,
                                                List<HostRecord> candidates) {
        List<String> reasons = u.verdicts().stream()
                .map(h -> h.hostName() + ": " + String.join("; ", h.reasons())).toList();
        if (candidates.isEmpty()) {
            return new Conflict("NO_HOST_AVAILABLE", "clusterId", "VM " + name + " cannot be placed: the cluster "
                    + "has no hosts", reasons);
        }
        if (u.tooLargeForAnyHost()) {
            return new Unprocessable("VM_TOO_LARGE", tooLargeField(d, candidates), "VM " + name
                    + " is larger than any host in the cluster could hold", reasons);
        }
        return new Conflict("NO_HOST_AVAILABLE", null, "no host can take VM " + name + " now", reasons);
    }

    private static String tooLargeField(VmDemand d, List<HostRecord> hosts) {
        var known = hosts.stream().filter(h -> h.hardware() != null).toList();
        int maxCpus = known.stream().mapToInt(h -> h.hardware().logicalCpus()).max().orElse(0);
        if (d.vcpus() > maxCpus) {
            return "vcpus";
        }
        long maxMemory = known.stream().mapToLong(h -> org.openvrm.manager.host.HostCapacityView.rules(h.hardware())
                .usableMemoryMb()).max().orElse(0);
        if (d.memoryReservationMb() > maxMemory) {
            return "memoryQos.reservationMb";
        }
        if (d.cpuReservationMhz() > 0 && d.memoryMb() <= maxMemory) {
            return "cpuQos.reservationMhz";
        }
        return "memoryMb";
    }

    /** Starts an action on a VM: legal in its state (409 otherwise), admitted on its host when it powers on. */
    public Task act(String vmId, VmAction action) {
        VmRecord vm = require("id", vmId);
        Transition t = VmLifecycle.begin(vm.state(), action);
        if (t instanceof Transition.Rejected r) {
            throw new Conflict(r.code(), "state", r.message());
        }
        var allowed = (Transition.Allowed) t;
        HostRecord host = hosts.require("hostId", vm.hostId());
        if (!host.state().schedulable()) {
            throw new Conflict("HOST_UNAVAILABLE", "hostId", "host " + host.name() + " is " + host.state()
                    + "; the VM cannot be reached");
        }
        // Only an action that ends powered on claims capacity: stopping a CRASHED or HIBERNATED VM holds nothing.
        boolean holds = allowed.during().poweredOn()
                && (vm.state().poweredOn() || allowed.onSuccess().map(VmState::poweredOn).orElse(false));
        boolean claims = holds && !vm.state().poweredOn();
        Supplier<Task> claim = () -> {
            if (claims) {
                boolean overcommit = clusters.require("clusterId", vm.clusterId()).memoryOvercommit();
                // while a QoS change runs the ledger holds the larger of its old and new reservations: admit those
                VmDemand demand = ledger.demand(vm.hostId(), vm.id()).orElse(vm.spec().demand());
                List<String> reasons = placement.admitStart(vm.id(), demand, host, overcommit);
                if (!reasons.isEmpty()) {
                    throw new Conflict("INSUFFICIENT_CAPACITY", null, "VM " + vm.name() + " cannot power on: "
                            + reasons.getFirst(), reasons);
                }
            }
            Task task = db.tx(h -> {
                if (!repo.compareAndSetState(h, vm.id(), vm.state(), allowed.during(), clock.instant())) {
                    throw new Conflict("VM_STATE_CHANGED", "state", "VM " + vm.name()
                            + " changed state while this request was checked; look again and retry");
                }
                return tasks.record(h, taskType(action), "vm", vm.id(), vm.name());
            });
            ledger.setPoweredOn(vm.hostId(), vm.id(), holds);
            return task;
        };
        Task task = claims ? placement.exclusively(claim) : claim.get();
        runner.submit(task);
        return task;
    }

    static TaskType taskType(VmAction action) {
        return switch (action) {
            case START -> TaskType.VM_START;
            case SHUTDOWN -> TaskType.VM_SHUTDOWN;
            case STOP -> TaskType.VM_STOP;
            case REBOOT -> TaskType.VM_REBOOT;
            case SUSPEND -> TaskType.VM_SUSPEND;
            case RESUME -> TaskType.VM_RESUME;
            case DELETE -> TaskType.VM_DELETE;
            case HIBERNATE -> TaskType.VM_HIBERNATE;
            case SNAPSHOT -> TaskType.SNAPSHOT_CREATE;
            case REVERT -> TaskType.SNAPSHOT_REVERT;
            case DELETE_SNAPSHOT -> TaskType.SNAPSHOT_DELETE;
        };
    }

    public VmRecord require(String field, String id) {
        return db.read(h -> repo.find(h, id)).orElseThrow(() -> new NotFound(field, "VM", id));
    }

    public Vm get(String id) {
        return VmViews.toApi(require("id", id), guests);
    }

    public Page<Vm> list(ListQuery q) {
        Page<VmRecord> page = db.read(h -> repo.list(h, q));
        return new Page<>(page.items().stream().map(r -> VmViews.toApi(r, guests)).toList(), page.total(),
                page.offset(), page.limit());
    }
}
