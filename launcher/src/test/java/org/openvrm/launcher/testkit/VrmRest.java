package org.openvrm.launcher.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The REST API of a {@code vrm up} child process as the process tests use it (an answer that is not JSON, e.g. while
 * the manager is down, is an empty object), and polling with a generous limit, never a timing assertion. A failure
 * names the directory with the processes' logs.
 */
public final class VrmRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final Path logs;

    public VrmRest(int port, Path logs) {
        this.port = port;
        this.logs = logs;
    }

    public int port() {
        return port;
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public JsonNode post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    /** Waits until the manager's API answers (after a start or restart of its process). */
    public void awaitUp() throws InterruptedException {
        await("the manager's API", () -> get("/about").has("version"));
    }

    /** Posts and returns the id of what the answer names (a task for actions). */
    public String postForId(String path, String body) {
        JsonNode r = post(path, body);
        assertThat(r.has("id")).as(path + " answered " + r).isTrue();
        return r.get("id").asText();
    }

    /** Posts a creation, waits for its task to succeed and returns the id of what it made. */
    public String create(String path, String body) throws InterruptedException {
        String task = postForId(path, body);
        assertThat(awaitTask(task)).as("%s: %s", path, get("/tasks/" + task)).isEqualTo("SUCCEEDED");
        return get("/tasks/" + task).get("targetId").asText();
    }

    /** Waits for a task to end and returns its final state. */
    public String awaitTask(String taskId) throws InterruptedException {
        await("task " + taskId + " to end", () -> {
            String s = get("/tasks/" + taskId).path("state").asText();
            return s.equals("SUCCEEDED") || s.equals("FAILED") || s.equals("CANCELLED");
        });
        return get("/tasks/" + taskId).path("state").asText();
    }

    public void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(LIMIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + LIMIT.toSeconds() + " s for " + what + "; logs in " + logs);
            }
            Thread.sleep(200);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1" + path);
    }

    private JsonNode send(HttpRequest request) {
        try {
            return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return JSON.createObjectNode(); // not up (yet, or any more)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
