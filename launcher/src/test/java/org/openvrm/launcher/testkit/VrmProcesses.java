package org.openvrm.launcher.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code vrm} child processes of one test: each a JVM of its own running {@code org.openvrm.launcher.Main} from
 * the test's class path, its stdout and stderr appended to a log file in the test's directory (kept when the test
 * fails: use {@code @TempDir(cleanup = ON_SUCCESS)} and name the directory in failure messages). {@link #close()}
 * kills whatever still runs.
 */
public final class VrmProcesses implements AutoCloseable {

    private final Path logs;
    private final List<Process> started = new ArrayList<>();

    public VrmProcesses(Path logs) {
        this.logs = logs;
    }

    /** Where the logs are: what a failure message names. */
    public Path logs() {
        return logs;
    }

    /** The command that runs {@code vrm <args>} in a JVM of its own, e.g. to wrap in {@code nsenter}. */
    public static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.openvrm.launcher.Main"));
        command.addAll(args);
        return command;
    }

    /** Starts {@code vrm <args>}, output to {@code log}. */
    public Process start(String log, List<String> args) {
        return start(new ProcessBuilder(command(args)), log);
    }

    /** As {@link #start(String, List)}, with these variables added to the child's environment. */
    public Process start(String log, Map<String, String> env, List<String> args) {
        var builder = new ProcessBuilder(command(args));
        builder.environment().putAll(env);
        return start(builder, log);
    }

    /** Starts a prepared command (one from {@link #command}, wrapped), output to {@code log}. */
    public Process start(ProcessBuilder builder, String log) {
        try {
            Process p = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(log).toFile())).start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + builder.command(), e);
        }
    }

    /** SIGKILL: no shutdown hook runs, no goodbye to anyone; waits until the process is gone. */
    public static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("process " + p.pid() + " outlived SIGKILL by 30 s");
        }
    }

    /** A TCP port free now on this machine (for --port and --agent-listen; the child binds it soon after). */
    public static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
