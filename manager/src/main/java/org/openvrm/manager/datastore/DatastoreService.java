package org.openvrm.manager.datastore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.openvrm.api.Datastore;
import org.openvrm.api.DatastoreCreate;
import org.openvrm.api.Page;
import org.openvrm.api.Task;
import org.openvrm.manager.Ids;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.ApiException.NotFound;
import org.openvrm.manager.error.Validator;
import org.openvrm.manager.store.Constraints;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.store.Inventory;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Names;
import org.openvrm.manager.task.TaskService;
import org.openvrm.manager.task.TaskType;

public final class DatastoreService {

    /** 16 PB: a larger datastore is a typo. */
    private static final long MAX_CAPACITY_MB = 16L * 1024 * 1024 * 1024;

    private final Database db;
    private final DatastoreRepository repo;
    private final TaskService tasks;
    private final Clock clock;
    private final Ids ids;
    /** Read on every VM creation; provisionedMb is not kept here: the API views read it from the store. */
    private final Inventory<Datastore> cache;

    public DatastoreService(Database db, DatastoreRepository repo, TaskService tasks, Clock clock, Ids ids) {
        this.db = db;
        this.repo = repo;
        this.tasks = tasks;
        this.clock = clock;
        this.ids = ids;
        this.cache = new Inventory<>("datastore", Datastore::id, db.read(h -> repo.list(h, ListQuery.all())).items());
    }

    public Task create(DatastoreCreate req) {
        var v = new Validator();
        v.name("name", req.name());
        v.description("description", req.description());
        v.required("type", req.type());
        v.oneOf("type", req.type(), Set.of("dir"));
        if (v.required("path", req.path()) != null) {
            if (req.path().length() > 1000 || !Path.of(req.path()).isAbsolute()
                    || req.path().chars().anyMatch(Character::isISOControl) || req.path().contains("/../")) {
                v.add("path", "INVALID_PATH", "path must be an absolute directory path without control characters "
                        + "or '..', at most 1000 characters");
            }
        }
        v.required("capacityMb", req.capacityMb());
        v.range("capacityMb", req.capacityMb(), 1, MAX_CAPACITY_MB, "MB");
        v.throwIfInvalid();
        var d = new Datastore(ids.next("ds"), req.name(), req.type(), req.path(), req.capacityMb(), 0,
                req.description(), clock.instant());
        Task task = Constraints.guard(() -> db.tx(h -> {
            Names.requireFree(h, "datastores", "datastore", d.name());
            repo.insert(h, d);
            return tasks.record(h, TaskType.DATASTORE_CREATE, "datastore", d.id(), d.name());
        }), () -> new Conflict("NAME_TAKEN", "name", "a datastore named '" + d.name() + "' already exists"), null);
        cache.put(d);
        return task;
    }

    public Task delete(String id) {
        Datastore d = require("id", id);
        Task task = Constraints.guard(() -> db.tx(h -> {
            int disks = repo.disksOn(h, id);
            if (disks > 0) {
                throw inUse(d, disks);
            }
            repo.delete(h, id);
            return tasks.record(h, TaskType.DATASTORE_DELETE, "datastore", id, d.name());
        }), null, () -> inUse(d, -1));
        cache.remove(id);
        return task;
    }

    private static Conflict inUse(Datastore d, int disks) {
        return new Conflict("DATASTORE_IN_USE", "id", "datastore " + d.name() + " holds "
                + (disks < 0 ? "disks" : disks + " disks") + "; delete their VMs first");
    }

    /** The API view, with the space its disks take. */
    public Datastore get(String id) {
        return db.read(h -> repo.find(h, id)).orElseThrow(() -> new NotFound("id", "datastore", id));
    }

    /** The datastore from memory (provisionedMb not filled in); unknown is a 404 naming {@code field}. */
    public Datastore require(String field, String id) {
        return cache.require(field, id);
    }

    public int count() {
        return cache.count();
    }

    /** The id of the only datastore, when there is exactly one. */
    public java.util.Optional<String> onlyId() {
        return cache.onlyId();
    }

    public Page<Datastore> list(ListQuery q) {
        return db.read(h -> repo.list(h, q));
    }

    /** The space thick disks on it already claim. */
    public long thickProvisionedMb(String id) {
        return db.read(h -> repo.thickProvisionedMb(h, id));
    }
}
