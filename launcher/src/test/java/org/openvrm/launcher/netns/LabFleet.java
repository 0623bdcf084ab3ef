package org.openvrm.launcher.netns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvrm.launcher.testkit.VrmProcesses;
import org.openvrm.launcher.testkit.VrmRest;

/**
 * Real processes on a {@link NetworkLab}: the manager ({@code vrm up}) in the root namespace, its agent port on the
 * lab's bridge address and short liveness timeouts, and one {@code vrm agent --driver sim} per lab host, each in
 * its own namespace with its own data dir, named {@code edge-<h>}. {@link #close()} kills whatever still runs.
 */
final class LabFleet implements AutoCloseable {

    /** Heartbeat every second; silent 6 s: DISCONNECTED; 15 s: FAILED (generous for a loaded 2-core machine). */
    static final List<String> LIVENESS = List.of("--heartbeat-interval", "1s", "--host-disconnect-after", "6s",
            "--host-fail-after", "15s");

    private final NetworkLab lab;
    private final Path dir;
    private final VrmRest rest;
    private final int agentPort;
    private final VrmProcesses processes;
    private final Map<Integer, Process> agents = new TreeMap<>();
    private Process manager;

    LabFleet(NetworkLab lab, Path dir) throws IOException {
        this.lab = lab;
        this.dir = dir;
        this.agentPort = VrmProcesses.freePort();
        this.rest = new VrmRest(VrmProcesses.freePort(), dir);
        this.processes = new VrmProcesses(dir);
    }

    VrmRest rest() {
        return rest;
    }

    /** Starts the manager (on the same data dir every time) and waits for its API. */
    void startManager() throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("up", "--data-dir", dir.resolve("manager").toString(),
                "--port", String.valueOf(rest.port()), "--local-driver", "sim", "--step-delay-ms", "50",
                "--agent-listen", lab.bridgeAddress() + ":" + agentPort));
        args.addAll(LIVENESS);
        manager = processes.start("manager.log", args);
        rest.awaitUp();
    }

    /** SIGKILL: no shutdown hook, no goodbye to any agent. */
    void killManager() throws InterruptedException {
        VrmProcesses.kill(manager);
    }

    /** Starts host {@code h}'s agent in its namespace; {@code token} null: the identity in its data dir. */
    void startAgent(int h, String token) {
        List<String> args = new ArrayList<>(List.of("agent", "--manager", lab.bridgeAddress() + ":" + agentPort,
                "--driver", "sim", "--data-dir", agentDir(h).toString(), "--hostname", name(h), "--sim-cpus", "4",
                "--sim-step-delay-ms", "50"));
        if (token != null) {
            args.addAll(List.of("--token", token));
        }
        agents.put(h, processes.start(lab.process(h, VrmProcesses.command(args)), "agent-" + h + ".log"));
    }

    void killAgent(int h) throws InterruptedException {
        VrmProcesses.kill(agents.get(h));
    }

    boolean agentAlive(int h) {
        return agents.get(h).isAlive();
    }

    /** A one-time bootstrap token for {@code edge-<h>} in the cluster "local". */
    String token(int h) {
        String cluster = rest.get("/clusters?name=local").at("/items/0/id").asText();
        JsonNode r = rest.post("/hosts/tokens", "{\"clusterId\":\"" + cluster + "\",\"hostName\":\"" + name(h)
                + "\"}");
        assertThat(r.has("token")).as(r.toString()).isTrue();
        return r.get("token").asText();
    }

    /** Host {@code h} as the manager records it (missing node if it has none). */
    JsonNode host(int h) {
        return rest.get("/hosts?name=" + name(h)).path("items").path(0);
    }

    String hostState(int h) {
        return host(h).path("state").asText();
    }

    static String name(int h) {
        return "edge-" + h;
    }

    /** Each simulated domain file of host {@code h}'s agent (name to content): what "untouched" is checked on. */
    Map<String, String> domainFiles(int h) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var list = Files.list(agentDir(h).resolve("sim"))) {
            for (Path f : list.filter(p -> p.toString().endsWith(".json")).toList()) {
                files.put(f.getFileName().toString(), Files.readString(f) + " @" + Files.getLastModifiedTime(f));
            }
        }
        return files;
    }

    private Path agentDir(int h) {
        return dir.resolve("agent-" + h);
    }

    @Override
    public void close() {
        processes.close();
    }
}
