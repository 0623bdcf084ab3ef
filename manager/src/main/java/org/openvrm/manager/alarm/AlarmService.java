package org.openvrm.manager.alarm;

import java.time.Clock;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.openvrm.api.Alarm;
import org.openvrm.api.Page;
import org.openvrm.manager.Ids;
import org.openvrm.manager.error.ApiException.InvalidInput;
import org.openvrm.manager.error.ApiException.NotFound;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.event.EventLog.Severity;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.store.ListQuery;

/**
 * Alarms: raised and cleared by the features that watch a condition, in the same transaction as the change that
 * raised or cleared them (so an alarm never tells of a state the store does not hold); listed and acknowledged by
 * operators. Acknowledging is not a task: it changes no inventory or host, only whether someone has seen the alarm
 * (an INFO event records who-knows-when).
 */
public final class AlarmService {

    private static final Set<String> SEVERITIES = Set.of("INFO", "WARNING", "ERROR");
    private static final Set<String> BOOLEANS = Set.of("true", "false");

    private final Database db;
    private final AlarmRepository repo;
    private final EventLog events;
    private final Clock clock;
    private final Ids ids;

    public AlarmService(Database db, AlarmRepository repo, EventLog events, Clock clock, Ids ids) {
        this.db = db;
        this.repo = repo;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
    }

    /** Raises the alarm unless one of this code is active on the resource already; returns whether it did. */
    public boolean raise(Handle h, AlarmCode code, String resourceType, String resourceId, String resourceName,
                         String message) {
        if (repo.active(h, code, resourceType, resourceId).isPresent()) {
            return false;
        }
        repo.insert(h, ids.next("alarm"), code, resourceType, resourceId, resourceName, message, clock.instant());
        return true;
    }

    /** Clears the active alarm of this code on the resource, if there is one; returns whether it did. */
    public boolean clear(Handle h, AlarmCode code, String resourceType, String resourceId) {
        return repo.clear(h, code, resourceType, resourceId, clock.instant()) > 0;
    }

    /** Clears every active alarm of a resource that is gone. */
    public void clearAll(String resourceType, String resourceId) {
        db.txVoid(h -> repo.clearAll(h, resourceType, resourceId, clock.instant()));
    }

    public Page<Alarm> list(ListQuery q) {
        String severity = q.filters().get("severity");
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw new InvalidInput("severity", "INVALID_PARAMETER", "severity must be INFO, WARNING or ERROR, got '"
                    + severity + "'");
        }
        String active = q.filters().get("active");
        if (active != null && !BOOLEANS.contains(active)) {
            throw new InvalidInput("active", "INVALID_PARAMETER", "active must be true (not cleared) or false "
                    + "(cleared), got '" + active + "'");
        }
        return db.read(h -> repo.list(h, q));
    }

    public Alarm get(String id) {
        return db.read(h -> repo.find(h, id)).orElseThrow(() -> new NotFound("id", "alarm", id));
    }

    /** Marks the alarm seen by an operator; acknowledging it again changes nothing. Returns the alarm. */
    public Alarm acknowledge(String id) {
        return db.tx(h -> {
            Alarm alarm = repo.find(h, id).orElseThrow(() -> new NotFound("id", "alarm", id));
            if (repo.acknowledge(h, id, clock.instant())) {
                events.record(h, Severity.INFO, "alarm.acknowledged", alarm.resourceType(), alarm.resourceId(),
                        "alarm " + alarm.code() + " on " + alarm.resourceType() + " " + alarm.resourceName()
                                + " acknowledged", null);
            }
            return repo.find(h, id).orElseThrow();
        });
    }
}
