package org.openvrm.manager.task;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.Page;
import org.openvrm.api.Task;
import org.openvrm.manager.Json;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Pages;

public final class TaskRepository {

    public static final Filters FILTERS = new Filters(Map.of(
            "state", "state", "type", "type", "targetId", "target_id", "targetType", "target_type"));
    private static final TypeReference<Map<String, Object>> RESULT = new TypeReference<>() {};

    private final Json json;
    private final RowMapper<Task> mapper;

    public TaskRepository(Json json) {
        this.json = json;
        this.mapper = (rs, ctx) -> new Task(
                rs.getString("id"), rs.getString("type"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getString("target_name"), rs.getString("state"), rs.getInt("progress"), rs.getString("message"),
                rs.getString("error_code") == null ? null
                        : new Task.TaskError(rs.getString("error_code"), rs.getString("error_message")),
                rs.getString("result") == null ? Map.of() : json.readStored(rs.getString("result"), RESULT),
                rs.getInt("attempts"), Instant.ofEpochMilli(rs.getLong("created_ms")),
                instant(rs.getObject("started_ms")), instant(rs.getObject("finished_ms")));
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }

    public void insert(Handle h, Task t) {
        h.createUpdate("INSERT INTO tasks (id, type, target_type, target_id, target_name, state, progress, message, "
                        + "error_code, error_message, result, attempts, created_ms, started_ms, finished_ms) VALUES "
                        + "(:id, :type, :targetType, :targetId, :targetName, :state, :progress, :message, :errorCode, "
                        + ":errorMessage, :result, :attempts, :created, :started, :finished)")
                .bind("id", t.id()).bind("type", t.type()).bind("targetType", t.targetType())
                .bind("targetId", t.targetId()).bind("targetName", t.targetName()).bind("state", t.state())
                .bind("progress", t.progress()).bind("message", t.message())
                .bind("errorCode", t.error() == null ? null : t.error().code())
                .bind("errorMessage", t.error() == null ? null : t.error().message())
                .bind("result", t.result().isEmpty() ? null : json.write(t.result()))
                .bind("attempts", t.attempts()).bind("created", t.createdAt().toEpochMilli())
                .bind("started", t.startedAt() == null ? null : t.startedAt().toEpochMilli())
                .bind("finished", t.finishedAt() == null ? null : t.finishedAt().toEpochMilli())
                .execute();
    }

    public Optional<Task> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM tasks WHERE id = :id").bind("id", id).map(mapper).findOne();
    }

    public Page<Task> list(Handle h, ListQuery q) {
        return Pages.page(h, "tasks", FILTERS, q, "created_ms DESC, id", mapper);
    }

    /** Tasks a manager stopped in the middle of: each must resume or fail after a restart. */
    public List<Task> unfinished(Handle h) {
        return h.createQuery("SELECT * FROM tasks WHERE state IN ('QUEUED', 'RUNNING') ORDER BY created_ms, id")
                .map(mapper).list();
    }

    public void markRunning(Handle h, String id, Instant now, String message) {
        h.createUpdate("UPDATE tasks SET state = 'RUNNING', attempts = attempts + 1, message = :message, "
                        + "started_ms = COALESCE(started_ms, :now) WHERE id = :id")
                .bind("id", id).bind("now", now.toEpochMilli()).bind("message", message).execute();
    }

    public void progress(Handle h, String id, int progress, String message) {
        h.createUpdate("UPDATE tasks SET progress = :progress, message = COALESCE(:message, message) "
                        + "WHERE id = :id AND state = 'RUNNING'")
                .bind("id", id).bind("progress", progress).bind("message", message).execute();
    }

    public void succeed(Handle h, String id, Map<String, Object> result, Instant now) {
        h.createUpdate("UPDATE tasks SET state = 'SUCCEEDED', progress = 100, result = :result, finished_ms = :now "
                        + "WHERE id = :id")
                .bind("id", id).bind("result", result.isEmpty() ? null : json.write(result))
                .bind("now", now.toEpochMilli()).execute();
    }

    public void fail(Handle h, String id, String code, String message, Instant now) {
        h.createUpdate("UPDATE tasks SET state = 'FAILED', error_code = :code, error_message = :message, "
                        + "finished_ms = :now WHERE id = :id")
                .bind("id", id).bind("code", code).bind("message", message).bind("now", now.toEpochMilli())
                .execute();
    }
}
