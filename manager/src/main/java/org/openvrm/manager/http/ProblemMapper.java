package org.openvrm.manager.http;

import io.javalin.http.Context;
import java.util.List;
import org.openvrm.api.Problem;
import org.openvrm.manager.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one mapping from errors to RFC 9457 problem JSON. */
final class ProblemMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    static final String MEDIA_TYPE = "application/problem+json";

    private ProblemMapper() {}

    static void handle(ApiException e, Context ctx) {
        int status = switch (e) {
            case ApiException.InvalidInput x -> 400;
            case ApiException.NotFound x -> 404;
            case ApiException.Conflict x -> 409;
            case ApiException.Unprocessable x -> 422;
        };
        List<Problem.FieldError> errors = e instanceof ApiException.InvalidInput i && i.errors().size() > 1
                ? i.errors() : List.of();
        List<String> reasons = switch (e) {
            case ApiException.Conflict c -> c.reasons();
            case ApiException.Unprocessable u -> u.reasons();
            default -> List.of();
        };
        write(ctx, new Problem("about:blank", title(status), status, e.code(), e.getMessage(), e.field(), errors,
                reasons));
    }

    static void unexpected(Exception e, Context ctx) {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        write(ctx, new Problem("about:blank", title(500), 500, "INTERNAL_ERROR",
                "the manager hit an unexpected error; it is in the manager's log", null, null, null));
    }

    static void write(Context ctx, Problem p) {
        ctx.status(p.status()).contentType(MEDIA_TYPE).json(p);
        ctx.contentType(MEDIA_TYPE);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            default -> "Internal Server Error";
        };
    }
}
