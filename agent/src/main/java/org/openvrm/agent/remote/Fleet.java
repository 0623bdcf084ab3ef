package org.openvrm.agent.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openvrm.driver.HypervisorDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fleet mode: N agents in one process for scale tests. Agent i keeps everything in {@code <dataDir>/agent-i} (its
 * key, certificate, host id, journal and simulated domains) and is a whole {@link RemoteAgent}: its own identity,
 * its own channel and TLS session, the real protocol. They share one {@link AgentRuntime} (event loops, ticks) and
 * each runs on a virtual thread, so the process needs a handful of platform threads whatever N is.
 *
 * <p>Token i is used by agent i only if agent i has no identity yet; a restarted fleet needs no tokens.
 */
public final class Fleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    /** Makes agent {@code index}'s hypervisor; {@code dataDir} is that agent's own directory. */
    @FunctionalInterface
    public interface Drivers {
        HypervisorDriver forAgent(int index, String hostName, Path dataDir);
    }

    /** How the fleet's agents are made. {@code namePrefix}-i is the host name each proposes at registration. */
    public record Spec(String target, int count, List<String> tokens, Path dataDir, String namePrefix,
                       Duration guestPoll, int rememberedCommands, int ioThreads) {
        public Spec {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, got " + count);
            }
            if (ioThreads < 1) {
                throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
            }
            tokens = List.copyOf(tokens);
        }
    }

    private final Spec spec;
    private final AgentRuntime runtime;
    private final List<RemoteAgent> agents = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Integer, Throwable> failures = new ConcurrentHashMap<>();

    private Fleet(Spec spec) {
        this.spec = spec;
        this.runtime = new AgentRuntime(spec.ioThreads());
    }

    /**
     * Starts every agent. Refuses before starting any when an agent has neither an identity in its directory nor a
     * token, so a short tokens file never leaves a half-registered fleet.
     */
    public static Fleet start(Spec spec, Drivers drivers) {
        List<Optional<String>> tokens = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < spec.count(); i++) {
            boolean known = AgentIdentity.load(agentDir(spec, i)).isPresent();
            tokens.add(known ? Optional.empty() : Optional.ofNullable(i < spec.tokens().size()
                    ? spec.tokens().get(i) : null));
            if (!known && tokens.get(i).isEmpty()) {
                missing++;
            }
        }
        if (missing > 0) {
            throw new IllegalArgumentException(missing + " of " + spec.count() + " agents in " + spec.dataDir()
                    + " have no identity and no token (tokens given: " + spec.tokens().size() + ")");
        }
        var fleet = new Fleet(spec);
        try {
            for (int i = 0; i < spec.count(); i++) {
                Path dir = agentDir(spec, i);
                Files.createDirectories(dir);
                String name = spec.namePrefix() + "-" + i;
                fleet.agents.add(new RemoteAgent(spec.target(), tokens.get(i), dir, name,
                        drivers.forAgent(i, name, dir), spec.guestPoll(), spec.rememberedCommands(), fleet.runtime));
            }
        } catch (java.io.IOException | RuntimeException e) {
            fleet.close();
            throw e instanceof RuntimeException r ? r : new java.io.UncheckedIOException((java.io.IOException) e);
        }
        for (int i = 0; i < fleet.agents.size(); i++) {
            int index = i;
            RemoteAgent a = fleet.agents.get(i);
            fleet.threads.add(Thread.ofVirtual().name("fleet-agent-" + i).start(() -> {
                try {
                    a.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) { // e.g. Refused: this agent stops, the others go on
                    LOG.error("fleet agent {} stopped: {}", index, e.getMessage());
                    fleet.failures.put(index, e);
                }
            }));
        }
        LOG.info("fleet of {} agents started against {}", spec.count(), spec.target());
        return fleet;
    }

    static Path agentDir(Spec spec, int i) {
        return spec.dataDir().resolve("agent-" + i);
    }

    public int size() {
        return agents.size();
    }

    /** Agents that stopped for good (refused by the manager), by index. */
    public Map<Integer, Throwable> failures() {
        return Map.copyOf(failures);
    }

    /** Blocks until every agent has stopped (after {@link #close}, or all refused). */
    public void join() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    @Override
    public void close() {
        for (RemoteAgent a : agents) {
            try {
                a.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a fleet agent: {}", e.toString());
            }
        }
        threads.forEach(Thread::interrupt); // an agent sleeping in its backoff stops now, not in 10 s
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        runtime.close();
    }

    @Override
    public String toString() {
        return "Fleet[" + spec.count() + " agents -> " + spec.target() + ", " + spec.dataDir() + "]";
    }
}
