package org.openvrm.manager.cluster;

import java.time.Clock;
import org.openvrm.api.ClusterCreate;
import org.openvrm.api.Page;
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

public final class ClusterService {

    private final Database db;
    private final ClusterRepository repo;
    private final TaskService tasks;
    private final Clock clock;
    private final Ids ids;
    /** Read on every VM placement and power-on. */
    private final Inventory<ClusterRecord> cache;

    public ClusterService(Database db, ClusterRepository repo, TaskService tasks, Clock clock, Ids ids) {
        this.db = db;
        this.repo = repo;
        this.tasks = tasks;
        this.clock = clock;
        this.ids = ids;
        this.cache = new Inventory<>("cluster", ClusterRecord::id, db.read(h -> repo.list(h, ListQuery.all())).items());
    }

    public Task create(ClusterCreate req) {
        var v = new Validator();
        v.name("name", req.name());
        v.description("description", req.description());
        v.throwIfInvalid();
        var c = new ClusterRecord(ids.next("cluster"), req.name(), req.description(),
                Boolean.TRUE.equals(req.memoryOvercommit()), clock.instant());
        Task task = Constraints.guard(() -> db.tx(h -> {
            Names.requireFree(h, "clusters", "cluster", c.name());
            repo.insert(h, c);
            return tasks.record(h, TaskType.CLUSTER_CREATE, "cluster", c.id(), c.name());
        }), () -> nameTaken(c.name()), null);
        cache.put(c);
        return task;
    }

    public Task delete(String id) {
        ClusterRecord c = require("id", id);
        Task task = Constraints.guard(() -> db.tx(h -> {
            repo.delete(h, id);
            return tasks.record(h, TaskType.CLUSTER_DELETE, "cluster", id, c.name());
        }), null, () -> new Conflict("CLUSTER_NOT_EMPTY", "id",
                "cluster " + c.name() + " still has hosts or VMs; remove them first"));
        cache.remove(id);
        return task;
    }

    public ClusterRecord require(String field, String id) {
        return cache.require(field, id);
    }

    /** The id of the only cluster, when there is exactly one. */
    public java.util.Optional<String> onlyId() {
        return cache.onlyId();
    }

    public int count() {
        return cache.count();
    }

    public Page<ClusterRecord> list(ListQuery q) {
        return db.read(h -> repo.list(h, q));
    }

    private static Conflict nameTaken(String name) {
        return new Conflict("NAME_TAKEN", "name", "a cluster named '" + name + "' already exists");
    }
}
