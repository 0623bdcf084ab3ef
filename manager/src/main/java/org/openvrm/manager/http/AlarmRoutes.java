package org.openvrm.manager.http;

import static org.openvrm.manager.http.Responses.API;
import static org.openvrm.manager.http.Responses.query;

import io.javalin.Javalin;
import org.openvrm.manager.alarm.AlarmRepository;
import org.openvrm.manager.alarm.AlarmService;

/** Alarms: list, get, acknowledge. Raising and clearing is the manager's own business. */
final class AlarmRoutes implements Routes {

    private final AlarmService alarms;

    AlarmRoutes(AlarmService alarms) {
        this.alarms = alarms;
    }

    @Override
    public void register(Javalin app, Body body) {
        app.get(API + "/alarms", ctx -> ctx.json(alarms.list(query(ctx, AlarmRepository.FILTERS.names()))));
        app.get(API + "/alarms/{id}", ctx -> ctx.json(alarms.get(ctx.pathParam("id"))));
        app.post(API + "/alarms/{id}/acknowledge", ctx -> ctx.json(alarms.acknowledge(ctx.pathParam("id"))));
    }
}
