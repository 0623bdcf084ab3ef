package org.openvrm.manager.event;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.Event;
import org.openvrm.api.Page;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Pages;

/** The manager's record of what happened, for operators (and later alarms). */
public final class EventLog {

    public enum Severity { INFO, WARNING, ERROR }

    /** One event, to record in the same transaction as the change it tells of. */
    public record Entry(Severity severity, String type, String targetType, String targetId, String message,
                        String taskId) {}

    public static final Filters FILTERS = new Filters(Map.of(
            "severity", "severity", "type", "type", "targetId", "target_id", "targetType", "target_type",
            "taskId", "task_id"));
    private static final RowMapper<Event> MAPPER = (rs, ctx) -> new Event(
            rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("time_ms")), rs.getString("severity"),
            rs.getString("type"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("message"),
            rs.getString("task_id"));

    private final Database db;
    private final Clock clock;

    public EventLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(Severity severity, String type, String targetType, String targetId, String message,
                       String taskId) {
        db.txVoid(h -> record(h, severity, type, targetType, targetId, message, taskId));
    }

    public void record(Handle h, Entry e) {
        record(h, e.severity(), e.type(), e.targetType(), e.targetId(), e.message(), e.taskId());
    }

    public void record(Handle h, Severity severity, String type, String targetType, String targetId, String message,
                       String taskId) {
        h.createUpdate("INSERT INTO events (time_ms, severity, type, target_type, target_id, message, task_id) "
                        + "VALUES (:time, :severity, :type, :targetType, :targetId, :message, :taskId)")
                .bind("time", clock.millis()).bind("severity", severity.name()).bind("type", type)
                .bind("targetType", targetType).bind("targetId", targetId)
                .bind("message", message.length() > 4000 ? message.substring(0, 4000) : message)
                .bind("taskId", taskId)
                .execute();
    }

    public Page<Event> list(ListQuery q) {
        return db.read(h -> Pages.page(h, "events", FILTERS, q, "id DESC", MAPPER));
    }
}
