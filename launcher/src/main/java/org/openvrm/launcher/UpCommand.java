package org.openvrm.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openvrm.cli.CliException;
import org.openvrm.core.host.HostLiveness;
import org.openvrm.driver.libvirt.LibvirtConfig;
import org.openvrm.manager.Ids;
import org.openvrm.manager.Manager;
import org.openvrm.manager.ManagerConfig;
import org.openvrm.manager.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code vrm up}: the manager all-in-one, in the foreground until Ctrl-C. */
@Command(name = "up", description = "Start the manager all-in-one: embedded store, this machine as a host, the API.",
        mixinStandardHelpOptions = true)
final class UpCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Where the store and hosts' state live (default: $VRM_DATA or ./data).")
    Path dataDir;

    @Option(names = "--port", description = "API port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port = ManagerConfig.DEFAULT_PORT;

    @Option(names = "--jdbc-url", description = "Use this PostgreSQL store (jdbc:postgresql://...) instead of the "
            + "embedded one; the password comes from $VRM_DB_PASSWORD.")
    String jdbcUrl;

    @Option(names = "--db-user", description = "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String dbUser = "vrm";

    @Option(names = "--step-delay-ms", description = "How long each VM step takes on the simulated local host "
            + "(default: ${DEFAULT-VALUE}).")
    long stepDelayMillis = 500;

    @Option(names = "--no-local-host", description = "Do not add this machine as a host on first start.")
    boolean noLocalHost;

    @Option(names = "--agent-listen", description = "HOST:PORT where remote agents (vrm agent) connect; mutual TLS "
            + "only, so it may be a non-loopback address (default: ${DEFAULT-VALUE}).")
    String agentListen = ManagerConfig.DEFAULT_AGENT_LISTEN;

    @Option(names = "--local-driver", description = "The driver of this machine's host on first start: auto "
            + "(libvirt where it answers, else simulated), libvirt or sim (default: ${DEFAULT-VALUE}).")
    ManagerConfig.LocalDriver localDriver = ManagerConfig.LocalDriver.AUTO;

    @Option(names = "--heartbeat-interval", converter = DurationFlag.class, paramLabel = "DURATION",
            description = "How often each host's agent heartbeats (e.g. 500ms, 10s; default: 10s).")
    Duration heartbeatInterval = HostLiveness.Timeouts.DEFAULTS.interval();

    @Option(names = "--host-disconnect-after", converter = DurationFlag.class, paramLabel = "DURATION",
            description = "Silence after which a host is DISCONNECTED; longer than the interval (default: 30s).")
    Duration disconnectAfter = HostLiveness.Timeouts.DEFAULTS.disconnectAfter();

    @Option(names = "--host-fail-after", converter = DurationFlag.class, paramLabel = "DURATION",
            description = "Silence after which a disconnected host is FAILED and its VMs UNKNOWN; longer than "
                    + "--host-disconnect-after (default: 2m).")
    Duration failAfter = HostLiveness.Timeouts.DEFAULTS.failAfter();

    @Option(names = "--agent-cert-validity", converter = DurationFlag.class, paramLabel = "DURATION",
            description = "How long the certificates issued to remote hosts are valid; agents renew theirs over "
                    + "their session once less than a third is left (e.g. 90d; at least 30s; default: 825d).")
    Duration agentCertValidity = ManagerConfig.DEFAULT_AGENT_CERT_VALIDITY;

    @Spec
    CommandSpec spec;

    /** The three liveness flags, checked together: failAfter &gt; disconnectAfter &gt; interval. */
    HostLiveness.Timeouts liveness() {
        try {
            return new HostLiveness.Timeouts(heartbeatInterval, disconnectAfter, failAfter);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "host liveness flags: " + e.getMessage());
        }
    }

    /** Checked here so a bad value is a usage error, not a stack trace from the manager's configuration. */
    Duration agentCertValidity() {
        if (agentCertValidity.compareTo(ManagerConfig.MIN_AGENT_CERT_VALIDITY) < 0) {
            throw new ParameterException(spec.commandLine(), "--agent-cert-validity must be at least "
                    + ManagerConfig.MIN_AGENT_CERT_VALIDITY.toSeconds() + "s, got " + agentCertValidity);
        }
        return agentCertValidity;
    }

    @Override
    public Integer call() throws Exception {
        HostLiveness.Timeouts liveness = liveness();
        Duration certValidity = agentCertValidity();
        Path dir = dataDir != null ? dataDir : Path.of(System.getenv().getOrDefault("VRM_DATA", "data"));
        ManagerConfig config = ManagerConfig.defaults(dir).withPort(port)
                .withLocalHost(!noLocalHost, stepDelayMillis).withLocalDriver(localDriver)
                .withLibvirt(LibvirtConfig.fromEnvironment(System.getenv()))
                .withLiveness(liveness).withAgentListen(agentListen).withAgentCertValidity(certValidity);
        if (jdbcUrl != null) {
            config = config.withStore(new StoreConfig(jdbcUrl, dbUser,
                    System.getenv().getOrDefault("VRM_DB_PASSWORD", ""), 10));
        }
        java.nio.file.Files.createDirectories(dir);
        Manager manager = new Manager(config, Clock.systemUTC(), new Ids());
        int bound = started(manager);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            manager.close();
            stopped.countDown();
        }, "vrm-shutdown"));
        System.out.println("OpenVRM manager up");
        System.out.println("  API:        " + manager.url() + "   (OpenAPI: " + manager.url() + "/openapi.json)");
        System.out.println("  agents:     " + agentListen.substring(0, agentListen.lastIndexOf(':') + 1)
                + manager.agentPort() + "   (vrm agent --manager HOST:PORT --token T; tokens: POST /hosts/tokens)");
        System.out.println("  store:      " + (jdbcUrl == null ? "embedded, in " + dir.toAbsolutePath()
                : "PostgreSQL " + jdbcUrl.split("\\?")[0]));
        if (!noLocalHost) {
            System.out.println("  local host: " + manager.localHostNote());
        }
        System.out.println("  try:        ./vrm host list    ./vrm vm create --name web --cpus 2 --memory-gb 2 "
                + "--wait" + (bound == ManagerConfig.DEFAULT_PORT ? "" : "   (VRM_URL=" + manager.url() + ")"));
        System.out.println("Ctrl-C stops the manager; VMs on hosts keep running.");
        stopped.await();
        return 0;
    }

    /** A port someone else holds is the operator's to fix: said in one line, not as a crash. */
    private static int started(Manager manager) {
        try {
            return manager.start();
        } catch (RuntimeException e) {
            manager.close();
            for (Throwable c = e; c != null; c = c.getCause()) {
                // the JDK says BindException; Netty's native transport (the agent port) says errno 98's text
                if (c instanceof java.net.BindException || String.valueOf(c.getMessage()).contains("in use")) {
                    throw new CliException.Usage(e.getMessage() + " (is another vrm up running? choose another "
                            + "--port or --agent-listen)");
                }
            }
            throw e;
        }
    }
}
