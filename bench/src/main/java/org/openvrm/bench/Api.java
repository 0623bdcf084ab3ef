package org.openvrm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The manager's REST API as the benchmark calls it: plain JSON over the JDK's HTTP/1.1 client. */
final class Api {

    /** One answer: status, parsed body (null when it is not JSON) and how long the round trip took. */
    record Reply(int status, JsonNode body, long nanos) {

        boolean accepted() {
            return status == 202;
        }

        String code() {
            return body != null && body.hasNonNull("code") ? body.get("code").asText() : "HTTP_" + status;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final String base;

    Api(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * A GET, tried once more when the connection fails without an answer: the JDK client may pick a pooled connection
     * the server has just closed. GETs are safe to repeat; POSTs are never repeated here.
     */
    Reply get(String path) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        } catch (UncheckedIOException stale) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }
    }

    /** POST {@code body} as JSON; a null body sends none (the VM power actions take none). */
    Reply post(String path, Object body) {
        if (body == null) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** GET that must answer 200. */
    JsonNode read(String path) {
        Reply r = get(path);
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    /** The {@code total} of a list: the count of what matches its filters. */
    long total(String pathWithQuery) {
        return read(pathWithQuery + (pathWithQuery.contains("?") ? "&" : "?") + "limit=1").get("total").asLong();
    }

    private Reply send(HttpRequest.Builder request) {
        request.timeout(Duration.ofMinutes(2));
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long nanos = System.nanoTime() - start;
        JsonNode body = null;
        if (response.body().length > 0) {
            try {
                body = json.readTree(response.body());
            } catch (IOException notJson) {
                body = json.getNodeFactory().textNode(new String(response.body(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return new Reply(response.statusCode(), body, nanos);
    }
}
