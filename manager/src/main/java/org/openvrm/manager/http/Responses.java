package org.openvrm.manager.http;

import io.javalin.http.Context;
import java.util.Set;
import org.openvrm.api.Task;
import org.openvrm.manager.store.ListQuery;

final class Responses {

    static final String API = "/api/v1";

    private Responses() {}

    /** Every change answers 202 with its task, and where to follow it. */
    static void accepted(Context ctx, Task task) {
        ctx.status(202).header("Location", API + "/tasks/" + task.id()).json(task);
    }

    static ListQuery query(Context ctx, Set<String> filters) {
        return ListQuery.parse(ctx.queryParamMap(), filters);
    }
}
