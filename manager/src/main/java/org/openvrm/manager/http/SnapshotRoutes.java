package org.openvrm.manager.http;

import static org.openvrm.manager.http.Responses.API;
import static org.openvrm.manager.http.Responses.accepted;
import static org.openvrm.manager.http.Responses.query;

import io.javalin.Javalin;
import org.openvrm.api.SnapshotCreate;
import org.openvrm.manager.vm.snapshot.SnapshotRepository;
import org.openvrm.manager.vm.snapshot.SnapshotService;

/** A VM's snapshots: list, get, take, revert to, delete. */
final class SnapshotRoutes implements Routes {

    private final SnapshotService snapshots;

    SnapshotRoutes(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public void register(Javalin app, Body body) {
        String base = API + "/vms/{id}/snapshots";
        app.get(base, ctx -> ctx.json(snapshots.list(ctx.pathParam("id"),
                query(ctx, SnapshotRepository.FILTERS.names()))));
        app.post(base, ctx -> accepted(ctx, snapshots.create(ctx.pathParam("id"),
                body.read(ctx, SnapshotCreate.class))));
        app.get(base + "/{snapshotId}", ctx -> ctx.json(snapshots.get(ctx.pathParam("id"),
                ctx.pathParam("snapshotId"))));
        app.delete(base + "/{snapshotId}", ctx -> accepted(ctx, snapshots.delete(ctx.pathParam("id"),
                ctx.pathParam("snapshotId"))));
        app.post(base + "/{snapshotId}/revert", ctx -> accepted(ctx, snapshots.revert(ctx.pathParam("id"),
                ctx.pathParam("snapshotId"))));
    }
}
