package org.openvrm.manager.http;

import static org.openvrm.manager.http.Responses.API;
import static org.openvrm.manager.http.Responses.query;

import io.javalin.Javalin;
import org.openvrm.manager.error.ApiException.NotFound;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.task.TaskRepository;
import org.openvrm.manager.task.TaskService;

final class TaskRoutes implements Routes {

    private final TaskService tasks;
    private final EventLog events;

    TaskRoutes(TaskService tasks, EventLog events) {
        this.tasks = tasks;
        this.events = events;
    }

    @Override
    public void register(Javalin app, Body body) {
        app.get(API + "/tasks", ctx -> ctx.json(tasks.list(query(ctx, TaskRepository.FILTERS.names()))));
        app.get(API + "/tasks/{id}", ctx -> ctx.json(tasks.find(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFound("id", "task", ctx.pathParam("id")))));
        app.get(API + "/events", ctx -> ctx.json(events.list(query(ctx, EventLog.FILTERS.names()))));
    }
}
