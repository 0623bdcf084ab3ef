package org.openvrm.launcher.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small network of separate "hosts" on this machine: a bridge in the root namespace with the first address of a
 * /24 of its own (a random 198.18.x.0/24 that {@code ip route} does not already show), and per host a network
 * namespace joined to the bridge by a veth pair, with its own address. Everything is named with a random per-run
 * suffix, because other engineers run such labs on this machine at the same time, and removed by {@link #close()}
 * (also from a shutdown hook, should the test JVM be stopped first).
 *
 * <p>{@link #cut} takes the root side of a host's veth down: its packets are dropped silently, like an unplugged
 * cable or a dead switch port, and its TCP connections are <em>not</em> closed, so only missing heartbeats reveal
 * it. (A drop by tc or iptables would model the same; neither the gact action nor iptables exists here.)
 *
 * <p>Needs root and iproute2; a machine without them fails the lab with a clear message, never a silent skip.
 */
public final class NetworkLab implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String suffix;
    private final String subnet;
    private final int hosts;
    private final Thread cleanup = new Thread(this::removeAll, "network-lab-cleanup");
    private boolean closed;

    private NetworkLab(String suffix, String subnet, int hosts) {
        this.suffix = suffix;
        this.subnet = subnet;
        this.hosts = hosts;
    }

    /** Creates the bridge and {@code hosts} namespaces (numbered 1..hosts), all links up. */
    public static NetworkLab create(int hosts) {
        String suffix = HexFormat.of().formatHex(RANDOM.generateSeed(3));
        NetworkLab lab = new NetworkLab(suffix, freeSubnet(), hosts);
        Runtime.getRuntime().addShutdownHook(lab.cleanup);
        try {
            lab.build();
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void build() {
        try {
            ip("netns", "add", namespace(1));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("this machine cannot make network namespaces (root and iproute2 with "
                    + "netns support are needed for the multi-host tests): " + e.getMessage(), e);
        }
        ip("link", "add", bridge(), "type", "bridge");
        ip("addr", "add", bridgeAddress() + "/24", "dev", bridge());
        ip("link", "set", bridge(), "up");
        for (int h = 1; h <= hosts; h++) {
            if (h > 1) {
                ip("netns", "add", namespace(h));
            }
            ip("link", "add", veth(h), "type", "veth", "peer", "name", peer(h));
            ip("link", "set", peer(h), "netns", namespace(h));
            ip("link", "set", veth(h), "master", bridge());
            ip("link", "set", veth(h), "up");
            inside(h, "addr", "add", address(h) + "/24", "dev", peer(h));
            inside(h, "link", "set", peer(h), "up");
            inside(h, "link", "set", "lo", "up");
        }
    }

    /** The bridge's address, the root namespace's address in the lab (where a manager listens for agents). */
    public String bridgeAddress() {
        return subnet + ".1";
    }

    /** Host {@code h}'s own address, inside its namespace. */
    public String address(int h) {
        return subnet + "." + (10 + check(h));
    }

    /** Host {@code h}'s namespace name (under /run/netns). */
    public String namespace(int h) {
        return "vrm-test-" + suffix + "-h" + check(h);
    }

    /** Drops every packet to and from host {@code h} (the root side of its veth goes down); connections stay open. */
    public void cut(int h) {
        ip("link", "set", veth(h), "down");
    }

    /** Undoes {@link #cut}. */
    public void restore(int h) {
        ip("link", "set", veth(h), "up");
    }

    /**
     * A process builder running {@code command} in host {@code h}'s network namespace only: {@code nsenter --net},
     * not {@code ip netns exec}, which would also remount /sys and hide the cgroup hierarchy.
     */
    public ProcessBuilder process(int h, List<String> command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + namespace(h)));
        full.addAll(command);
        return new ProcessBuilder(full);
    }

    /** The random per-run part of every name this lab gives (namespaces, links). */
    public String suffix() {
        return suffix;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or ran
        }
    }

    /** Best effort, everything attempted: deleting a veth deletes its peer; deleting a namespace frees the rest. */
    private void removeAll() {
        for (int h = 1; h <= hosts; h++) {
            quietly("link", "del", veth(h));
            quietly("netns", "del", namespace(h));
        }
        quietly("link", "del", bridge());
    }

    private String bridge() {
        return "vbr" + suffix;
    }

    private String veth(int h) {
        return "vth" + suffix + "h" + check(h); // at most 15 characters: a kernel limit
    }

    private String peer(int h) {
        return "vtp" + suffix + "h" + check(h);
    }

    private int check(int h) {
        if (h < 1 || h > hosts) {
            throw new IllegalArgumentException("no host " + h + " in a lab of " + hosts);
        }
        return h;
    }

    private void inside(int h, String... args) {
        List<String> command = new ArrayList<>(List.of("-n", namespace(h)));
        command.addAll(List.of(args));
        ip(command.toArray(String[]::new));
    }

    private static String freeSubnet() {
        String routes = run(List.of("ip", "-4", "route", "show", "table", "all"))
                + run(List.of("ip", "-4", "-o", "addr", "show"));
        for (int i = 0; i < 50; i++) {
            String candidate = "198.18." + RANDOM.nextInt(256);
            if (!routes.contains(candidate + ".")) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free 198.18.x.0/24 for a network lab: " + routes);
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        run(command);
    }

    private static void quietly(String... args) {
        try {
            ip(args);
        } catch (IllegalStateException e) {
            // already gone (deleting a namespace takes its veth end along)
        }
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
