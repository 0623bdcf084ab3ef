package org.openvrm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host's own tools as the real-guest benchmark runs them (virsh, qemu-img, top): no shell in between, output and
 * error merged, and how long each command took, so a tool's own start-up cost shows in the numbers it is part of.
 */
final class Shell {

    static final String LIBVIRT_URI = "qemu:///system";

    /** What one command did. */
    record Result(int exit, String out, long nanos) {

        boolean ok() {
            return exit == 0;
        }
    }

    private Shell() {}

    static Result run(String... command) {
        long start = System.nanoTime();
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out + " (timed out)", System.nanoTime() - start);
            }
            return new Result(p.exitValue(), out, System.nanoTime() - start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Result virsh(String... args) {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", LIBVIRT_URI));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    /** Fails with the tool's output when it does not succeed: for steps the benchmark cannot go on without. */
    static Result must(Result r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(what + " failed (exit " + r.exit() + "): " + r.out().strip());
        }
        return r;
    }

    /** Whether the domain's guest agent answers a guest-ping now (libvirt fails at once while it is not connected). */
    static boolean guestPing(String domain) {
        return virsh("qemu-agent-command", domain, "--timeout", "2", "{\"execute\":\"guest-ping\"}").ok();
    }

    /** The load on the machine right now: {@code uptime} and the head of {@code top}, for the results. */
    static String load() {
        String uptime = run("uptime").out().strip();
        String top = run("top", "-bn1", "-w", "160").out().lines().limit(14)
                .reduce((a, b) -> a + "\n" + b).orElse("");
        return uptime + "\n" + top;
    }
}
