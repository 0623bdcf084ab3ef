package org.openvrm.manager.http;

import static org.openvrm.manager.http.Responses.API;
import static org.openvrm.manager.http.Responses.accepted;
import static org.openvrm.manager.http.Responses.query;

import io.javalin.Javalin;
import java.util.Map;
import org.openvrm.api.VmCreate;
import org.openvrm.core.vm.VmAction;
import org.openvrm.manager.error.ApiException.NotFound;
import org.openvrm.manager.vm.VmRepository;
import org.openvrm.manager.vm.VmService;

final class VmRoutes implements Routes {

    /** The power actions, by the path segment that names them. DELETE has its own verb. */
    static final Map<String, VmAction> ACTIONS = Map.of(
            "start", VmAction.START, "shutdown", VmAction.SHUTDOWN, "stop", VmAction.STOP,
            "reboot", VmAction.REBOOT, "suspend", VmAction.SUSPEND, "resume", VmAction.RESUME,
            "hibernate", VmAction.HIBERNATE);

    private final VmService vms;

    VmRoutes(VmService vms) {
        this.vms = vms;
    }

    @Override
    public void register(Javalin app, Body body) {
        app.get(API + "/vms", ctx -> ctx.json(vms.list(query(ctx, VmRepository.FILTERS.names()))));
        app.get(API + "/vms/{id}", ctx -> ctx.json(vms.get(ctx.pathParam("id"))));
        app.post(API + "/vms", ctx -> accepted(ctx, vms.create(body.read(ctx, VmCreate.class))));
        app.delete(API + "/vms/{id}", ctx -> accepted(ctx, vms.act(ctx.pathParam("id"), VmAction.DELETE)));
        app.post(API + "/vms/{id}/{action}", ctx -> {
            VmAction action = ACTIONS.get(ctx.pathParam("action"));
            if (action == null) {
                throw new NotFound("action", "VM action", ctx.pathParam("action") + "' (actions: "
                        + String.join(", ", ACTIONS.keySet().stream().sorted().toList()) + ")");
            }
            accepted(ctx, vms.act(ctx.pathParam("id"), action));
        });
    }
}
