package org.openvrm.manager.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.openvrm.agent.Agent;
import org.openvrm.api.SimHostSpec;
import org.openvrm.driver.sim.SimHostConfig;
import org.openvrm.driver.sim.SimulatedDriver;
import org.openvrm.protocol.AgentEvent;

/**
 * The agents the manager talks to, one per connected host. In the all-in-one manager every agent runs in this
 * JVM; the remote agent protocol replaces {@link #connect} without changing its callers.
 */
public final class AgentRegistry implements AutoCloseable {

    private final Path simStateRoot;
    private final BiConsumer<String, AgentEvent> events;
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();

    /**
     * @param simStateRoot where simulated hosts keep their domains, one directory per host, so they outlive the
     *     manager's process like real hosts do
     * @param events receives (hostId, event) for every agent
     */
    public AgentRegistry(Path simStateRoot, BiConsumer<String, AgentEvent> events) {
        this.simStateRoot = simStateRoot;
        this.events = events;
    }

    /** Starts (or returns) the agent of a simulated host. */
    public Agent connectSimulated(String hostId, String hostname, SimHostSpec spec) {
        return agents.computeIfAbsent(hostId, id -> {
            var config = new SimHostConfig(hostname, SimHostConfig.DEFAULT_CPU_MODEL, spec.sockets(),
                    spec.coresPerSocket(), spec.threadsPerCore(), spec.mhz(), spec.memoryMb(), 1,
                    Duration.ofMillis(spec.stepDelayMillis()), Map.of(), Optional.of(simStateRoot.resolve(id)));
            return new Agent(new SimulatedDriver(config), e -> events.accept(id, e), 10_000);
        });
    }

    public Optional<Agent> agent(String hostId) {
        return Optional.ofNullable(agents.get(hostId));
    }

    public void disconnect(String hostId) {
        Agent a = agents.remove(hostId);
        if (a != null) {
            a.close();
        }
    }

    @Override
    public void close() {
        agents.keySet().forEach(this::disconnect);
    }
}
