package org.openvrm.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openvrm.agent.remote.RemoteAgent;
import org.openvrm.driver.HypervisorDriver;
import org.openvrm.driver.libvirt.LibvirtConfig;
import org.openvrm.driver.libvirt.LibvirtDriver;
import org.openvrm.driver.sim.SimulatedDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vrm agent}: this host's CNA as its own process, dialling the manager; in the foreground until Ctrl-C. */
@Command(name = "agent", mixinStandardHelpOptions = true, resourceBundle = "org.openvrm.launcher.AgentCommandLine",
        description = "Run this host's agent: register once with a bootstrap token, then keep a mutual-TLS session "
                + "with the manager (reconnecting with backoff forever).")
final class AgentCommandLine implements Callable<Integer> {

    enum Driver { LIBVIRT, SIM }

    @Option(names = "--manager", required = true, description = "The manager's agent port, HOST:PORT "
            + "(vrm up --agent-listen).")
    String manager;

    @Option(names = "--token", description = "The one-time bootstrap token (POST /api/v1/hosts/tokens); needed "
            + "only until the agent has registered. Or $VRM_AGENT_TOKEN.")
    String token;

    @Option(names = "--data-dir", description = "Where the agent keeps its key, certificate and (simulated) "
            + "domains (default: $VRM_AGENT_DATA or ./agent-data).")
    Path dataDir;

    @Option(names = "--driver", description = "libvirt (this machine's libvirtd) or sim (default: ${DEFAULT-VALUE}).")
    Driver driver = Driver.LIBVIRT;

    @Option(names = "--hostname", description = "The host name proposed at registration (default: this machine's).")
    String hostname;

    /** The simulated host's shape (--driver sim): 16 CPUs at 2400 MHz, 64 GiB, 100 ms a step. */
    @Mixin
    SimHostFlags sim = new SimHostFlags(16, 2400, 65_536, 100);

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Path.of(System.getenv().getOrDefault("VRM_AGENT_DATA", "agent-data"));
        Files.createDirectories(dir);
        String name = hostname != null ? hostname : java.net.InetAddress.getLocalHost().getHostName();
        String tok = token != null ? token : System.getenv("VRM_AGENT_TOKEN");
        HypervisorDriver hv = switch (driver) {
            case LIBVIRT -> new LibvirtDriver(LibvirtConfig.fromEnvironment(System.getenv()));
            case SIM -> new SimulatedDriver(sim.config(name, dir));
        };
        var agent = new RemoteAgent(manager, Optional.ofNullable(tok), dir, name, hv, Duration.ofSeconds(5), 10_000);
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "vrm-agent-shutdown"));
        try {
            System.out.println("OpenVRM agent: " + driver.name().toLowerCase(java.util.Locale.ROOT) + " host, "
                    + "manager " + manager + ", data in " + dir.toAbsolutePath());
            agent.run();
            return 0;
        } catch (RemoteAgent.Refused e) {
            System.err.println("vrm agent: " + e.getMessage());
            return 3;
        } catch (IllegalArgumentException e) {
            System.err.println("vrm agent: " + e.getMessage()); // e.g. a malformed token, never echoed
            return 2;
        }
    }
}
