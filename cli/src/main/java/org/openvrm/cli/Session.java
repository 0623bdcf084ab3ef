package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One invocation's context, handed to every command through its constructor: the streams, the environment, the
 * global options, and the API client built from them. The client is made on first use because the options are
 * only known once picocli has parsed the arguments.
 */
final class Session implements AutoCloseable {

    static final int PARALLELISM = 16;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final GlobalOptions options;
    private final boolean tty;
    private final JsonCodec json = new JsonCodec();
    private HttpClient http;
    private ApiClient api;

    /** @param tty whether stderr is a terminal: progress bars there, plain lines otherwise */
    Session(PrintStream out, PrintStream err, Map<String, String> env, GlobalOptions options, boolean tty) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.options = options;
        this.tty = tty;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    GlobalOptions options() {
        return options;
    }

    JsonCodec json() {
        return json;
    }

    boolean jsonOutput() {
        return options.output == Format.JSON;
    }

    boolean debug() {
        return env.containsKey("VRM_DEBUG");
    }

    synchronized ApiClient api() {
        if (api == null) {
            String base = Endpoint.base(options.url, env);
            http = ApiClient.defaultHttpClient();
            api = new ApiClient(base, http, json);
        }
        return api;
    }

    /** Frees the HTTP client's threads: a JVM that runs many commands (tests, the launcher) must not pile them. */
    @Override
    public synchronized void close() {
        if (http != null) {
            http.close();
        }
    }

    Resolver resolver() {
        return new Resolver(new ApiDirectory(api()));
    }

    Lister lister() {
        return new Lister(api());
    }

    Parallel parallel() {
        return new Parallel(PARALLELISM);
    }

    Progress progress() {
        return tty ? new Progress.Bar(err) : new Progress.Lines(err);
    }

    /** How often {@code --wait} polls a task: {@code VRM_POLL_MS} (tests make it short), default 250 ms. */
    Duration pollInterval() {
        String v = env.get("VRM_POLL_MS");
        try {
            return Duration.ofMillis(v == null ? 250 : Math.max(1, Long.parseLong(v.strip())));
        } catch (NumberFormatException e) {
            throw new CliException.Usage("VRM_POLL_MS must be a number of milliseconds, got '" + v + "'");
        }
    }

    TaskFollower follower() {
        return new TaskFollower(api(), json, progress(), pollInterval(), parallel());
    }

    void printJson(JsonNode node) {
        out.println(json.pretty(node));
    }

    void printErrors(List<String> lines) {
        lines.forEach(err::println);
    }
}
