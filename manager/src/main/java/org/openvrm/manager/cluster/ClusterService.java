package org.openvrm.manager.cluster;

import java.time.Clock;
import org.openvrm.api.ClusterCreate;
import org.openvrm.api.Page;
import org.openvrm.api.Task;
import org.openvrm.manager.Ids;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.ApiException.NotFound;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.store.Constraints;
import org.openvrm.manager.store.Database;
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

    public ClusterService(Database db, ClusterRepository repo, TaskService tasks, Clock clock, Ids ids) {
        this.db = db;
        this.repo = repo;
        this.tasks = tasks;
        this.clock = clock;
        this.ids = ids;
    }

    public Task create(ClusterCreate req) {
        var v = new Validator();
        v.name("name", req.name());
        v.description("description", req.description());
        v.throwIfInvalid();
        var c = new ClusterRecord(ids.next("cluster"), req.name(), req.description(),
                Boolean.TRUE.equals(req.memoryOvercommit()), clock.instant());
        return Constraints.guard(() -> db.tx(h -> {
            Names.requireFree(h, "clusters", "cluster", c.name());
            repo.insert(h, c);
            return tasks.record(h, TaskType.CLUSTER_CREATE, "cluster", c.id(), c.name());
        }), () -> nameTaken(c.name()), null);
    }

    public Task delete(String id) {
        ClusterRecord c = require("id", id);
        return Constraints.guard(() -> db.tx(h -> {
            repo.delete(h, id);
            return tasks.record(h, TaskType.CLUSTER_DELETE, "cluster", id, c.name());
        }), null, () -> new Conflict("CLUSTER_NOT_EMPTY", "id",
                "cluster " + c.name() + " still has hosts or VMs; remove them first"));
    }

    public ClusterRecord require(String field, String id) {
        if (id == null) {
            throw new NotFound(field, "cluster", "null");
        }
        return db.read(h -> repo.find(h, id)).orElseThrow(() -> new NotFound(field, "cluster", id));
    }

    public Page<ClusterRecord> list(ListQuery q) {
        return db.read(h -> repo.list(h, q));
    }

    private static Conflict nameTaken(String name) {
        return new Conflict("NAME_TAKEN", "name", "a cluster named '" + name + "' already exists");
    }
}
