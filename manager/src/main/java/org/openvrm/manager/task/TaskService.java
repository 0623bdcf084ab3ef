package org.openvrm.manager.task;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openvrm.api.Page;
import org.openvrm.api.Task;
import org.openvrm.manager.Ids;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.store.ListQuery;

/** Records tasks and their progress. Running them is {@link TaskRunner}'s job. */
public final class TaskService {

    private final Database db;
    private final TaskRepository repo;
    private final Clock clock;
    private final Ids ids;

    public TaskService(Database db, TaskRepository repo, Clock clock, Ids ids) {
        this.db = db;
        this.repo = repo;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Records a new task inside the caller's transaction, so the change and its task are stored together. An
     * inventory-only task is recorded already done; a background one is recorded RUNNING, its first attempt, since
     * {@link TaskRunner#submit} starts it as soon as the transaction commits (one commit less per task).
     */
    public Task record(Handle h, TaskType type, String targetType, String targetId, String targetName) {
        var now = clock.instant();
        Task t = type.async()
                ? new Task(ids.next("task"), type.wire(), targetType, targetId, targetName,
                        TaskState.RUNNING.name(), 0, null, null, Map.of(), 1, now, now, null)
                : new Task(ids.next("task"), type.wire(), targetType, targetId, targetName,
                        TaskState.SUCCEEDED.name(), 100, null, null, Map.of(), 1, now, now, now);
        repo.insert(h, t);
        return t;
    }

    public Optional<Task> find(String id) {
        return db.read(h -> repo.find(h, id));
    }

    public Page<Task> list(ListQuery q) {
        return db.read(h -> repo.list(h, q));
    }

    List<Task> unfinished() {
        return db.read(repo::unfinished);
    }

    void markRunning(String id, String message) {
        db.txVoid(h -> repo.markRunning(h, id, clock.instant(), message));
    }

    void progress(String id, int percent, String message) {
        db.txVoid(h -> repo.progress(h, id, percent, message));
    }

    void succeed(String id, Map<String, Object> result) {
        db.txVoid(h -> succeed(h, id, result));
    }

    void succeed(Handle h, String id, Map<String, Object> result) {
        repo.succeed(h, id, result, clock.instant());
    }

    void fail(String id, String code, String message) {
        db.txVoid(h -> repo.fail(h, id, code, message, clock.instant()));
    }
}
