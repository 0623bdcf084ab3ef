package org.openvrm.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny manager stand-in on 127.0.0.1 and a free port: answers scripted per exact request line
 * ({@code METHOD /raw/path?raw=query}) and records every request, so tests assert what the CLI really sent.
 * Several answers for one request are served in turn, the last one repeating (a task QUEUED, RUNNING, then
 * SUCCEEDED for ever). Anything unscripted gets the manager's 404 problem for an unknown endpoint.
 */
final class StubServer implements AutoCloseable {

    record Request(String method, String uri, String contentType, String body) {
        String line() {
            return method + " " + uri;
        }
    }

    private record Answer(int status, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();

    StubServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    /** @param request e.g. {@code "GET /api/v1/vms?limit=2&name=web-1"} */
    StubServer on(String request, int status, String body) {
        answers.computeIfAbsent(request, k -> new ArrayDeque<>()).add(new Answer(status, body));
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> lines() {
        return requests().stream().map(Request::line).toList();
    }

    Request only(String line) {
        List<Request> matching = requests().stream().filter(r -> r.line().equals(line)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + line + ", got " + matching.size() + " in " + lines());
        }
        return matching.getFirst();
    }

    private void handle(HttpExchange ex) throws IOException {
        String uri = ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var request = new Request(ex.getRequestMethod(), uri, ex.getRequestHeaders().getFirst("Content-Type"), body);
        synchronized (this) {
            requests.add(request);
        }
        Answer answer = next(request.line());
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", answer.status() >= 400 && answer.body().startsWith("{")
                ? "application/problem+json" : "application/json");
        if (answer.status() == 202) {
            ex.getResponseHeaders().set("Location", "/api/v1/tasks/stub");
        }
        ex.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Answer next(String line) {
        Deque<Answer> queue = answers.get(line);
        if (queue == null) {
            return new Answer(404, "{\"status\":404,\"code\":\"NO_SUCH_ENDPOINT\",\"detail\":\"no endpoint "
                    + line + "\"}");
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.poll() : queue.peek();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
