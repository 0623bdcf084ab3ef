package org.openvrm.manager.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.openvrm.api.Problem;
import org.openvrm.manager.Json;
import org.openvrm.manager.error.ApiException;

/** The REST API under /api/v1: routes, the OpenAPI document, and errors as problem JSON. */
public final class ApiServer implements AutoCloseable {

    private final Javalin app;

    ApiServer(Json json, List<Routes> routes, Map<String, Object> about) {
        String openApi = openApiJson(json);
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = true;
            cfg.jsonMapper(new JavalinJackson(json.mapper(), true));
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = 1_000_000;
        });
        app.exception(ApiException.class, ProblemMapper::handle);
        app.exception(Exception.class, ProblemMapper::unexpected);
        app.error(404, ctx -> {
            // our own 404s are problem JSON already; anything else is Javalin's "no such route"
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith(ProblemMapper.MEDIA_TYPE)) {
                ProblemMapper.write(ctx, new Problem("about:blank", "Not Found", 404, "NO_SUCH_ENDPOINT",
                        "no endpoint " + ctx.method() + " " + ctx.path() + "; see " + Responses.API + "/openapi.json",
                        null, null, null));
            }
        });
        app.error(405, ctx -> ProblemMapper.write(ctx, new Problem("about:blank", "Method Not Allowed", 405,
                "METHOD_NOT_ALLOWED", ctx.method() + " is not allowed on " + ctx.path(), null, null, null)));
        app.error(413, ctx -> ProblemMapper.write(ctx, new Problem("about:blank", "Content Too Large", 413,
                "BODY_TOO_LARGE", "the request body is larger than 1 MB", null, null, null)));
        app.get(Responses.API + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        app.get(Responses.API + "/about", ctx -> ctx.json(about));
        Body body = new Body(json);
        routes.forEach(r -> r.register(app, body));
    }

    /** Binds to {@code host:port} (port 0 picks a free one) and returns the port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The checked-in contract, served as JSON. */
    static String openApiJson(Json json) {
        try (InputStream in = ApiServer.class.getResourceAsStream("/openvrm/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the api module");
            }
            Object doc = new ObjectMapper(new YAMLFactory()).readValue(in, Object.class);
            return json.write(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
