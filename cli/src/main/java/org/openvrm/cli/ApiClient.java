package org.openvrm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.openvrm.api.Problem;

/**
 * The manager's REST API over the JDK HTTP client: JSON in, JSON out. An error status becomes
 * {@link CliException.Api} carrying the problem JSON; a network failure becomes {@link CliException.Unreachable}.
 * Thread-safe, so bulk commands share one instance.
 */
final class ApiClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final HttpClient http;
    private final JsonCodec json;

    /** @param base e.g. {@code http://127.0.0.1:9440/api/v1}, without a trailing slash */
    ApiClient(String base, HttpClient http, JsonCodec json) {
        this.base = base;
        this.http = http;
        this.json = json;
    }

    static HttpClient defaultHttpClient() {
        // HTTP/1.1: the manager speaks it, and plain-text HTTP/2 would cost an upgrade dance per connection.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    String base() {
        return base;
    }

    JsonNode get(String path, Map<String, String> query) {
        return send(request(path + UrlPaths.query(query)).GET());
    }

    JsonNode get(String path) {
        return get(path, Map.of());
    }

    /** A plain-text answer (a console's output); errors still come as problem JSON. */
    String getText(String path, Map<String, String> query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path + UrlPaths.query(query)))
                .timeout(REQUEST_TIMEOUT).header("Accept", "text/plain, application/problem+json").GET().build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return response.body();
        }
        answer(request, response.statusCode(), response.body()); // throws for an error status
        throw new IllegalStateException("unreachable");
    }

    /** @param body a request record, or null for an action that takes none (a VM's start) */
    JsonNode post(String path, Object body) {
        if (body == null) {
            return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
        }
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.write(body))));
    }

    JsonNode put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.write(body))));
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response = exchange(request);
        return answer(request, response.statusCode(), response.body());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // The JDK client keeps an idle connection 30 s, as long as the manager's idle timeout, so after a
                // pause (--wait, console --follow) it can pick one the server is closing. A GET is safe to send
                // again on a new connection; a POST, PUT or DELETE never is (it may have been applied).
                boolean dropped = !(e instanceof ConnectException || e instanceof HttpTimeoutException);
                if (attempt > 1 || !dropped || !"GET".equals(request.method())) {
                    throw failure(request, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException.Unreachable("interrupted while talking to the manager at " + base, e);
            }
        }
    }

    private CliException.Unreachable failure(HttpRequest request, IOException e) {
        return switch (e) {
            case HttpConnectTimeoutException t -> unreachable("timed out connecting", t);
            case ConnectException c -> unreachable("connection refused", c);
            case HttpTimeoutException t -> new CliException.Unreachable("the manager at " + base + " did not answer "
                    + request.method() + " " + request.uri().getPath() + " within " + REQUEST_TIMEOUT.toSeconds()
                    + " s", t);
            default -> new CliException.Unreachable("lost the connection to the manager at " + base + ": " + e, e);
        };
    }

    private CliException.Unreachable unreachable(String why, Exception e) {
        return new CliException.Unreachable("cannot reach the manager at " + base + ": " + why
                + " (is it running? start one with 'vrm up', or point --url / VRM_URL at it)", e);
    }

    private JsonNode answer(HttpRequest request, int status, String body) {
        JsonNode node = null;
        try {
            node = body == null || body.isBlank() ? null : json.parse(body);
        } catch (JsonProcessingException e) {
            // not JSON: a proxy's HTML page or a server that is not the manager; reported below
        }
        if (status >= 200 && status < 300) {
            if (node == null) {
                throw new CliException.Api(status, new Problem(null, null, status, "UNEXPECTED_ANSWER",
                        request.method() + " " + request.uri().getPath() + " answered " + status
                                + " without a JSON body; is " + base + " an OpenVRM manager?", null, null, null));
            }
            return node;
        }
        Problem problem = node != null && node.isObject() && node.has("detail")
                ? json.convert(node, Problem.class)
                : new Problem(null, null, status, null, request.method() + " " + request.uri().getPath()
                        + " answered HTTP " + status + (body == null || body.isBlank() ? "" : ": "
                        + abbreviate(body)), null, null, null);
        throw new CliException.Api(status, problem);
    }

    private static String abbreviate(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }
}
