package org.openvrm.manager.host.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openvrm.agent.remote.FileCommandJournal;
import org.openvrm.agent.remote.RemoteAgent;
import org.openvrm.driver.sim.Op;
import org.openvrm.driver.sim.SimHostConfig;
import org.openvrm.driver.sim.SimulatedDriver;
import org.openvrm.protocol.CommandOutcome;

/**
 * A {@code vrm agent} process stand-in in the test's JVM: its data dir holds its identity, its command journal and
 * its simulated domains, so closing one and starting another on the same dir is an agent restart. Some steps of its
 * simulated hypervisor may be made slow, so a command is still in flight when the test cuts the session.
 */
final class AgentStandIn implements AutoCloseable {

    final RemoteAgent agent;
    final SimulatedDriver driver;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    AgentStandIn(String managerTarget, Path dataDir, String token) {
        this(managerTarget, dataDir, token, Map.of());
    }

    AgentStandIn(String managerTarget, Path dataDir, String token, Map<Op, Duration> slowSteps) {
        driver = simHost(dataDir, slowSteps);
        agent = new RemoteAgent(managerTarget, Optional.ofNullable(token), dataDir, "agent-host", driver,
                Duration.ofMillis(200), 1000);
        Thread.ofVirtual().start(() -> {
            try {
                agent.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
    }

    /** Its simulated hardware: 8 cores, 32 GB; every step 20 ms unless {@code slowSteps} says otherwise. */
    static SimulatedDriver simHost(Path dataDir, Map<Op, Duration> slowSteps) {
        return new SimulatedDriver(new SimHostConfig("agent-host", SimHostConfig.DEFAULT_CPU_MODEL, 1, 8, 1, 2400,
                32_768, 1, Duration.ofMillis(20), slowSteps, Optional.of(dataDir.resolve("sim"))));
    }

    /** Why the agent stopped by itself (refused, say), or null when it ran until closed; waits up to 60 s. */
    Throwable failure() throws Exception {
        try {
            done.get(60, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** The outcomes the agent journaled for {@code commandId}; read only while no agent runs on the dir. */
    static List<CommandOutcome> journaled(Path dataDir, String commandId) {
        return new FileCommandJournal(dataDir.resolve("commands.journal"), 1000).recent().stream()
                .filter(o -> o.commandId().equals(commandId)).toList();
    }

    @Override
    public void close() {
        agent.close();
    }
}
