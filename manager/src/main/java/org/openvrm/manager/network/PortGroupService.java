package org.openvrm.manager.network;

import java.time.Clock;
import org.openvrm.api.Page;
import org.openvrm.api.NetworkQos;
import org.openvrm.api.PortGroup;
import org.openvrm.api.PortGroupCreate;
import org.openvrm.api.Task;
import org.openvrm.manager.Ids;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.store.Constraints;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.store.Inventory;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Names;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.task.TaskType;
import org.openvrm.manager.vm.VmShapeValidator;

public final class PortGroupService {

    private final Database db;
    private final PortGroupRepository repo;
    private final TaskService tasks;
    private final Clock clock;
    private final Ids ids;
    /** Read on every VM creation. */
    private final Inventory<PortGroup> cache;

    public PortGroupService(Database db, PortGroupRepository repo, TaskService tasks, Clock clock, Ids ids) {
        this.db = db;
        this.repo = repo;
        this.tasks = tasks;
        this.clock = clock;
        this.ids = ids;
        this.cache = new Inventory<>("port group", PortGroup::id, db.read(h -> repo.list(h, ListQuery.all())).items());
    }

    public Task create(PortGroupCreate req) {
        var v = new Validator();
        v.name("name", req.name());
        v.description("description", req.description());
        v.range("vlanId", req.vlanId(), 0, 4094, "");
        VmShapeValidator.networkQos(v, "qos", req.qos());
        v.throwIfInvalid();
        String id = ids.next("pg");
        // Linux interface names are at most 15 characters: "vrm-" and 8 hex digits of the id.
        String bridge = "vrm-" + id.substring(3, 11);
        Integer vlan = req.vlanId() == null || req.vlanId() == 0 ? null : req.vlanId();
        var p = new PortGroup(id, req.name(), vlan, bridge, req.qos(), req.description(), clock.instant());
        Task task = Constraints.guard(() -> db.tx(h -> {
            Names.requireFree(h, "port_groups", "port group", p.name());
            repo.insert(h, p);
            return tasks.record(h, TaskType.PORTGROUP_CREATE, "portgroup", p.id(), p.name());
        }), () -> new Conflict("NAME_TAKEN", "name", "a port group named '" + p.name() + "' already exists"), null);
        cache.put(p);
        return task;
    }

    public Task delete(String id) {
        PortGroup p = find("id", id);
        Task task = Constraints.guard(() -> db.tx(h -> {
            int nics = repo.nicsOn(h, id);
            if (nics > 0) {
                throw inUse(p, nics);
            }
            repo.delete(h, id);
            return tasks.record(h, TaskType.PORTGROUP_DELETE, "portgroup", id, p.name());
        }), null, () -> inUse(p, -1));
        cache.remove(id);
        return task;
    }

    /**
     * Records a port group's new shaping (validated by the caller) together with whatever {@code alsoInTx} records
     * (the task that tunes its NICs), in one transaction; the cache follows the commit.
     */
    public Task updateQos(String id, NetworkQos qos, java.util.function.Function<org.jdbi.v3.core.Handle, Task> alsoInTx) {
        PortGroup p = find("id", id);
        var updated = new PortGroup(p.id(), p.name(), p.vlanId(), p.bridge(), qos, p.description(), p.createdAt());
        Task task = db.tx(h -> {
            if (!repo.updateQos(h, id, qos)) {
                throw new org.openvrm.manager.error.ApiException.NotFound("id", "port group", id);
            }
            return alsoInTx.apply(h);
        });
        cache.put(updated);
        return task;
    }

    /** The ids of the VMs with a NIC on the port group. */
    public java.util.List<String> vmIdsOn(String id) {
        return db.read(h -> repo.vmsOn(h, id));
    }

    private static Conflict inUse(PortGroup p, int nics) {
        return new Conflict("PORTGROUP_IN_USE", "id", "port group " + p.name() + " has "
                + (nics < 0 ? "NICs" : nics + " NICs") + " on it; delete their VMs first");
    }

    public PortGroup find(String field, String id) {
        return cache.require(field, id);
    }

    /** The id of the only port group, when there is exactly one. */
    public java.util.Optional<String> onlyId() {
        return cache.onlyId();
    }

    public int count() {
        return cache.count();
    }

    public Page<PortGroup> list(ListQuery q) {
        return db.read(h -> repo.list(h, q));
    }
}
