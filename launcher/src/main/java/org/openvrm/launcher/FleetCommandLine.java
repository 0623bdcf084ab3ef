package org.openvrm.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openvrm.agent.remote.Fleet;
import org.openvrm.driver.sim.SimulatedDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vrm fleet}: N simulated hosts' agents in one process, each a whole agent, for scale tests. */
@Command(name = "fleet", mixinStandardHelpOptions = true, resourceBundle = "org.openvrm.launcher.FleetCommandLine",
        description = "Run N simulated agents in this process (scale tests): agent i keeps its identity and "
                + "simulated domains in DATA_DIR/agent-i and registers with token i of the tokens file only once.")
final class FleetCommandLine implements Callable<Integer> {

    @Option(names = "--manager", required = true, description = "The manager's agent port, HOST:PORT.")
    String manager;

    @Option(names = "--count", required = true, description = "How many agents.")
    int count;

    @Option(names = "--tokens-file", description = "One bootstrap token per line (POST /api/v1/hosts/tokens); line "
            + "i is used by agent i only while it has no identity. Not needed once every agent has registered.")
    Path tokensFile;

    @Option(names = "--data-dir", required = true, description = "The fleet's directory (agent-0, agent-1, ...).")
    Path dataDir;

    @Option(names = "--name-prefix", description = "Host names proposed at registration: PREFIX-i "
            + "(default: ${DEFAULT-VALUE}).")
    String namePrefix = "fleet";

    @Option(names = "--io-threads", description = "Netty event loop threads shared by every agent "
            + "(default: ${DEFAULT-VALUE}).")
    int ioThreads = 2;

    @Option(names = "--guest-poll", converter = DurationFlag.class, description = "How often each agent polls its "
            + "guests' agents (default: 30s).")
    Duration guestPoll = Duration.ofSeconds(30);

    /** Each host's shape: 64 CPUs at 2400 MHz, 256 GiB, steps without delay (benchmarks). */
    @Mixin
    SimHostFlags sim = new SimHostFlags(64, 2400, 262_144, 0);

    @Override
    public Integer call() throws Exception {
        List<String> tokens = tokensFile == null ? List.of() : Files.readAllLines(tokensFile, StandardCharsets.US_ASCII)
                .stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        Fleet fleet;
        try {
            var spec = new Fleet.Spec(manager, count, tokens, dataDir, namePrefix, guestPoll, 10_000, ioThreads);
            fleet = Fleet.start(spec, (i, name, dir) -> new SimulatedDriver(sim.config(name, dir)));
        } catch (IllegalArgumentException e) {
            System.err.println("vrm fleet: " + e.getMessage());
            return 2;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stopped.countDown();
        }, "vrm-fleet-shutdown"));
        System.out.println("OpenVRM fleet: " + count + " simulated agents, manager " + manager + ", data in "
                + dataDir.toAbsolutePath());
        fleet.join();
        stopped.await();
        return fleet.failures().isEmpty() ? 0 : 3;
    }
}
