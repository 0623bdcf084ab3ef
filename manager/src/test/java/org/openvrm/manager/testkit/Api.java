package org.openvrm.manager.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** A tiny JSON client for tests: real HTTP against the manager under test. */
public final class Api {

    public record Response(int status, JsonNode body, String raw) {
        public String code() {
            return body.path("code").asText(null);
        }

        public String field() {
            return body.path("field").asText(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    /** The API's base URL, e.g. http://127.0.0.1:PORT/api/v1. */
    public String base() {
        return base;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** PUTs, expects 202 with a task, and waits for it to finish; returns the finished task. */
    public JsonNode changeByPut(String path, String json) {
        Response r = put(path, json);
        if (r.status() != 202) {
            throw new AssertionError("expected 202 from PUT " + path + ", got " + r.status() + ": " + r.raw());
        }
        return awaitTask(r.body().get("id").asText(), Duration.ofSeconds(180));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? JSON.nullNode() : JSON.readTree(r.body()); // text answers (console output): read raw()
            return new Response(r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs, expects 202 with a task, and waits for it to finish; returns the finished task. */
    public JsonNode change(String path, String json) {
        Response r = post(path, json);
        if (r.status() != 202) {
            throw new AssertionError("expected 202 from POST " + path + ", got " + r.status() + ": " + r.raw());
        }
        // a bound, not a timing check: a real guest's shutdown under TCG on a loaded machine can pass a minute
        return awaitTask(r.body().get("id").asText(), Duration.ofSeconds(180));
    }

    public JsonNode awaitTask(String taskId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode t = get("/tasks/" + taskId).body();
            String state = t.path("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return t;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("task " + taskId + " still " + state + " after " + timeout);
            }
            sleep(20);
        }
    }

    /** Creates a resource and returns its id (the task's target). */
    public String create(String path, String json) {
        JsonNode t = change(path, json);
        if (!t.path("state").asText().equals("SUCCEEDED")) {
            throw new AssertionError("creating " + path + " failed: " + t);
        }
        return t.get("targetId").asText();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
