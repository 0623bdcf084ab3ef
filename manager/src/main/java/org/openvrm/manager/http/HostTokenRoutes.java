package org.openvrm.manager.http;

import static org.openvrm.manager.http.Responses.API;

import io.javalin.Javalin;
import org.openvrm.api.HostTokenCreate;
import org.openvrm.manager.host.remote.AgentEnrollment;

/** Bootstrap tokens for remote agents: made here, shown once, used once by {@code vrm agent --token}. */
final class HostTokenRoutes implements Routes {

    private final AgentEnrollment enrollment;

    HostTokenRoutes(AgentEnrollment enrollment) {
        this.enrollment = enrollment;
    }

    @Override
    public void register(Javalin app, Body body) {
        app.post(API + "/hosts/tokens", ctx -> {
            ctx.header("Cache-Control", "no-store"); // the secret is in this answer only
            ctx.status(201).json(enrollment.createToken(body.read(ctx, HostTokenCreate.class)));
        });
    }
}
