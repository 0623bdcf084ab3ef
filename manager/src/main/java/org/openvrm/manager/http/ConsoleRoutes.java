package org.openvrm.manager.http;

import static org.openvrm.manager.http.Responses.API;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Set;
import org.openvrm.manager.error.ApiException.InvalidInput;
import org.openvrm.manager.vm.guest.ConsoleService;

/** A VM's consoles: where its VNC screen is, and the text its serial console printed. Queries, no tasks. */
final class ConsoleRoutes implements Routes {

    private final ConsoleService consoles;

    ConsoleRoutes(ConsoleService consoles) {
        this.consoles = consoles;
    }

    @Override
    public void register(Javalin app, Body body) {
        app.get(API + "/vms/{id}/console", ctx -> {
            onlyParameters(ctx, Set.of());
            ctx.json(consoles.console(ctx.pathParam("id")));
        });
        app.get(API + "/vms/{id}/console/output", ctx -> {
            onlyParameters(ctx, Set.of("maxBytes"));
            String text = consoles.output(ctx.pathParam("id"), ctx.queryParam("maxBytes"));
            ctx.contentType("text/plain; charset=utf-8").result(text);
        });
    }

    /** An unknown or repeated query parameter is an error, never silently ignored (as in the lists). */
    private static void onlyParameters(Context ctx, Set<String> allowed) {
        for (var e : ctx.queryParamMap().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new InvalidInput(e.getKey(), "INVALID_PARAMETER", "unknown query parameter '" + e.getKey()
                        + "'" + (allowed.isEmpty() ? "; this endpoint takes none" : "; it takes " + allowed));
            }
            if (e.getValue().size() != 1) {
                throw new InvalidInput(e.getKey(), "INVALID_PARAMETER", "query parameter " + e.getKey()
                        + " must be given once");
            }
        }
    }
}
