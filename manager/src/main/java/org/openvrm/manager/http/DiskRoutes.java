package org.openvrm.manager.http;

import static org.openvrm.manager.http.Responses.API;
import static org.openvrm.manager.http.Responses.accepted;

import io.javalin.Javalin;
import org.openvrm.api.DiskGrow;
import org.openvrm.manager.vm.disk.DiskGrowService;

/** Changes to one disk of a VM. */
final class DiskRoutes implements Routes {

    private final DiskGrowService grows;

    DiskRoutes(DiskGrowService grows) {
        this.grows = grows;
    }

    @Override
    public void register(Javalin app, Body body) {
        app.post(API + "/vms/{id}/disks/{diskId}/grow", ctx -> accepted(ctx, grows.grow(ctx.pathParam("id"),
                ctx.pathParam("diskId"), body.read(ctx, DiskGrow.class))));
    }
}
