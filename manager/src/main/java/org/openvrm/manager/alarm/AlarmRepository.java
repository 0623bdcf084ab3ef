package org.openvrm.manager.alarm;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.openvrm.api.Alarm;
import org.openvrm.api.Page;
import org.openvrm.manager.store.Filters;
import org.openvrm.manager.store.ListQuery;
import org.openvrm.manager.store.Pages;

/** The alarms table. An active alarm has an {@code active_key}, so the store keeps one per code and resource. */
public final class AlarmRepository {

    /** {@code active} is "true" or "false" (checked by the service before it reaches SQL). */
    public static final Filters FILTERS = new Filters(Map.of(
            "code", "code", "severity", "severity", "resourceType", "resource_type", "resourceId", "resource_id",
            "active", "CASE WHEN cleared_ms IS NULL THEN 'true' ELSE 'false' END"));

    private static final RowMapper<Alarm> MAPPER = (rs, ctx) -> {
        long cleared = rs.getLong("cleared_ms");
        boolean active = rs.wasNull();
        long acked = rs.getLong("acknowledged_ms");
        boolean acknowledged = !rs.wasNull();
        return new Alarm(rs.getString("id"), rs.getString("code"), rs.getString("severity"),
                rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("resource_name"),
                rs.getString("message"), Instant.ofEpochMilli(rs.getLong("raised_ms")),
                active ? null : Instant.ofEpochMilli(cleared), active, acknowledged,
                acknowledged ? Instant.ofEpochMilli(acked) : null);
    };

    static String activeKey(AlarmCode code, String resourceType, String resourceId) {
        return code.name() + "/" + resourceType + "/" + resourceId;
    }

    public Optional<Alarm> active(Handle h, AlarmCode code, String resourceType, String resourceId) {
        return h.createQuery("SELECT * FROM alarms WHERE active_key = :key")
                .bind("key", activeKey(code, resourceType, resourceId)).map(MAPPER).findOne();
    }

    public void insert(Handle h, String id, AlarmCode code, String resourceType, String resourceId,
                       String resourceName, String message, Instant now) {
        h.createUpdate("INSERT INTO alarms (id, code, severity, resource_type, resource_id, resource_name, message, "
                        + "raised_ms, active_key) VALUES (:id, :code, :severity, :type, :resource, :name, :message, "
                        + ":now, :key)")
                .bind("id", id).bind("code", code.name()).bind("severity", code.severity().name())
                .bind("type", resourceType).bind("resource", resourceId).bind("name", resourceName)
                .bind("message", message.length() > 4000 ? message.substring(0, 4000) : message)
                .bind("now", now.toEpochMilli()).bind("key", activeKey(code, resourceType, resourceId))
                .execute();
    }

    /** Clears the active alarm of this code on the resource; returns how many were cleared (0 or 1). */
    public int clear(Handle h, AlarmCode code, String resourceType, String resourceId, Instant now) {
        return h.createUpdate("UPDATE alarms SET cleared_ms = :now, active_key = NULL WHERE active_key = :key")
                .bind("now", now.toEpochMilli()).bind("key", activeKey(code, resourceType, resourceId)).execute();
    }

    /** Clears every active alarm on the resource (it is gone). */
    public int clearAll(Handle h, String resourceType, String resourceId, Instant now) {
        return h.createUpdate("UPDATE alarms SET cleared_ms = :now, active_key = NULL WHERE resource_type = :type "
                        + "AND resource_id = :id AND active_key IS NOT NULL")
                .bind("now", now.toEpochMilli()).bind("type", resourceType).bind("id", resourceId).execute();
    }

    public Optional<Alarm> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM alarms WHERE id = :id").bind("id", id).map(MAPPER).findOne();
    }

    /** Marks the alarm acknowledged unless it already is; returns whether this call did. */
    public boolean acknowledge(Handle h, String id, Instant now) {
        return h.createUpdate("UPDATE alarms SET acknowledged_ms = :now WHERE id = :id AND acknowledged_ms IS NULL")
                .bind("id", id).bind("now", now.toEpochMilli()).execute() == 1;
    }

    public Page<Alarm> list(Handle h, ListQuery q) {
        return Pages.page(h, "alarms", FILTERS, q, "raised_ms DESC, id", MAPPER);
    }
}
