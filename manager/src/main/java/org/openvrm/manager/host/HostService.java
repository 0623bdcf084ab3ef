package org.openvrm.manager.host;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.openvrm.api.Host;
import org.openvrm.api.HostAdd;
import org.openvrm.api.HostHardware;
import org.openvrm.api.Page;
import org.openvrm.api.SimHostSpec;
import org.jdbi.v3.core.Handle;
import org.openvrm.api.Task;
import org.openvrm.manager.Ids;
import org.openvrm.manager.cluster.ClusterService;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.ApiException.NotFound;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.store.Constraints;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.store.Inventory;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Names;
import org.openvrm.manager.task.TaskRunner;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.task.TaskType;

/**
 * Hosts: adding, listing with their capacity, removing. Keeps every host record in memory as well (hosts change
 * rarely, placement reads them all on every decision); every write goes through here, store first.
 */
public final class HostService {

    private final Database db;
    private final HostRepository repo;
    private final ClusterService clusters;
    private final HostLedger ledger;
    private final TaskService tasks;
    private final TaskRunner runner;
    private final Clock clock;
    private final Ids ids;
    private final Inventory<HostRecord> cache;

    public HostService(Database db, HostRepository repo, ClusterService clusters, HostLedger ledger,
                       TaskService tasks, TaskRunner runner, Clock clock, Ids ids) {
        this.db = db;
        this.repo = repo;
        this.clusters = clusters;
        this.ledger = ledger;
        this.tasks = tasks;
        this.runner = runner;
        this.clock = clock;
        this.ids = ids;
        this.cache = new Inventory<>("host", HostRecord::id, db.read(repo::all));
    }

    public Task add(HostAdd req) {
        var v = new Validator();
        v.name("name", req.name());
        v.required("clusterId", req.clusterId());
        v.required("driver", req.driver());
        v.oneOf("driver", req.driver(), java.util.Set.of(HostRecord.SIM, HostRecord.LIBVIRT));
        SimHostSpec sim = null;
        if (HostRecord.SIM.equals(req.driver())) {
            sim = simSpec(v, req.sim());
        } else if (req.sim() != null) {
            v.add("sim", "FIELD_NOT_ALLOWED", "sim is only for driver \"sim\"");
        }
        v.throwIfInvalid();
        clusters.require("clusterId", req.clusterId());
        if (HostRecord.LIBVIRT.equals(req.driver())) {
            cache.all().stream().filter(h -> h.driver().equals(HostRecord.LIBVIRT)).findFirst().ifPresent(h -> {
                // until agents run on their own hosts, a libvirt host is this machine, and it is added once
                throw new Conflict("LOCAL_HOST_EXISTS", "driver", "host " + h.name() + " already is this machine's "
                        + "libvirt host; hosts of their own come with remote agents");
            });
        }
        var now = clock.instant();
        var host = new HostRecord(ids.next("host"), req.name(), req.clusterId(), req.driver(), HostState.CONNECTING,
                "waiting for the agent", sim, null, now, now);
        Task task = Constraints.guard(() -> db.tx(h -> {
            Names.requireFree(h, "hosts", "host", host.name());
            repo.insert(h, host);
            return tasks.record(h, TaskType.HOST_ADD, "host", host.id(), host.name());
        }), () -> new Conflict("NAME_TAKEN", "name", "a host named '" + host.name() + "' already exists"),
                () -> new NotFound("clusterId", "cluster", req.clusterId()));
        cache.put(host);
        runner.submit(task);
        return task;
    }

    /**
     * Records a host whose agent registered itself ({@link HostRecord#REMOTE}), with its HOST_ADD task, in one
     * transaction with {@code sameTx} (which consumes the agent's bootstrap token and records its certificate);
     * the host is CONNECTING until the agent's session brings its report.
     *
     * @throws Conflict NAME_TAKEN when a host of that name exists
     */
    public HostRecord addRemote(String name, String clusterId, java.util.function.BiConsumer<Handle, String> sameTx) {
        var v = new Validator();
        v.name("name", name);
        v.throwIfInvalid();
        clusters.require("clusterId", clusterId);
        var now = clock.instant();
        var host = new HostRecord(ids.next("host"), name, clusterId, HostRecord.REMOTE, HostState.CONNECTING,
                "waiting for the agent's session", null, null, now, now);
        Task task = Constraints.guard(() -> db.tx(h -> {
            Names.requireFree(h, "hosts", "host", host.name());
            sameTx.accept(h, host.id());
            repo.insert(h, host);
            return tasks.record(h, TaskType.HOST_ADD, "host", host.id(), host.name());
        }), () -> new Conflict("NAME_TAKEN", "name", "a host named '" + host.name() + "' already exists"),
                () -> new NotFound("clusterId", "cluster", clusterId));
        cache.put(host);
        runner.submit(task);
        return host;
    }

    private static SimHostSpec simSpec(Validator v, SimHostSpec s) {
        if (v.required("sim", s) == null) {
            return null;
        }
        v.range("sim.sockets", s.sockets(), 1, 16, "");
        v.required("sim.coresPerSocket", s.coresPerSocket());
        v.range("sim.coresPerSocket", s.coresPerSocket(), 1, 512, "");
        v.range("sim.threadsPerCore", s.threadsPerCore(), 1, 8, "");
        v.required("sim.mhz", s.mhz());
        v.range("sim.mhz", s.mhz(), 100, 10_000, "MHz");
        v.required("sim.memoryMb", s.memoryMb());
        v.range("sim.memoryMb", s.memoryMb(), 1024, 64L * 1024 * 1024, "MB");
        v.range("sim.stepDelayMillis", s.stepDelayMillis(), 0, 600_000, "ms");
        return new SimHostSpec(s.sockets() == null ? 1 : s.sockets(), s.coresPerSocket(),
                s.threadsPerCore() == null ? 1 : s.threadsPerCore(), s.mhz(), s.memoryMb(),
                s.stepDelayMillis() == null ? 0 : s.stepDelayMillis());
    }

    public Task remove(String hostId) {
        HostRecord host = require("id", hostId);
        int vms = ledger.usage(hostId).vms();
        if (vms > 0) {
            throw new Conflict("HOST_NOT_EMPTY", "id", "host " + host.name() + " still has " + vms
                    + " VMs; delete or move them first");
        }
        Task task = db.tx(h -> {
            repo.setState(h, hostId, HostState.REMOVING, "being removed", clock.instant());
            return tasks.record(h, TaskType.HOST_REMOVE, "host", hostId, host.name());
        });
        refresh(hostId);
        runner.submit(task);
        return task;
    }

    public HostRecord require(String field, String id) {
        return cache.require(field, id);
    }

    public Optional<HostRecord> find(String id) {
        return cache.find(id);
    }

    public List<HostRecord> all() {
        return cache.all().stream().sorted(Comparator.comparing(HostRecord::name)).toList();
    }

    public List<HostRecord> inCluster(String clusterId) {
        return cache.all().stream().filter(h -> h.clusterId().equals(clusterId))
                .sorted(Comparator.comparing(HostRecord::id)).toList();
    }

    public Page<Host> list(ListQuery q) {
        Page<HostRecord> page = db.read(h -> repo.list(h, q));
        return new Page<>(page.items().stream().map(this::view).toList(), page.total(), page.offset(), page.limit());
    }

    public Host get(String id) {
        return view(require("id", id));
    }

    public Host view(HostRecord r) {
        var capacity = r.hardware() == null ? null : HostCapacityView.of(r.hardware(), ledger.usage(r.id()));
        return new Host(r.id(), r.name(), r.clusterId(), r.driver(), r.state().name(), r.stateReason(),
                r.hardware(), capacity, r.createdAt());
    }

    public void setState(String hostId, HostState state, String reason) {
        setState(hostId, state, reason, h -> { });
    }

    /** Sets the state whatever it was, with {@code alsoInTx} (e.g. alarms) in the same transaction. */
    public void setState(String hostId, HostState state, String reason,
                         Consumer<Handle> alsoInTx) {
        db.txVoid(h -> {
            repo.setState(h, hostId, state, reason, clock.instant());
            alsoInTx.accept(h);
        });
        refresh(hostId);
    }

    /**
     * Moves the host's state only if it still is {@code from} (a stale watcher never overwrites a newer state, e.g. a
     * removal begun meanwhile), running {@code alsoInTx} (its event and alarm) in the same transaction, only when it
     * moved. Returns whether it moved.
     */
    public boolean move(String hostId, HostState from, HostState to, String reason,
                        Consumer<Handle> alsoInTx) {
        boolean moved = db.tx(h -> {
            boolean m = repo.compareAndSetState(h, hostId, from, to, reason, clock.instant());
            if (m) {
                alsoInTx.accept(h);
            }
            return m;
        });
        if (moved) {
            refresh(hostId);
        }
        return moved;
    }

    public void setHardware(String hostId, HostHardware hardware) {
        db.txVoid(h -> repo.setHardware(h, hostId, hardware, clock.instant()));
        refresh(hostId);
    }

    /** Deletes the host record; the caller has checked it is empty. */
    public void delete(String hostId) {
        db.txVoid(h -> repo.delete(h, hostId));
        cache.remove(hostId);
    }

    private void refresh(String hostId) {
        db.read(h -> repo.find(h, hostId)).ifPresentOrElse(cache::put, () -> cache.remove(hostId));
    }
}
