package org.openvrm.manager;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.openvrm.core.host.HostLiveness;
import org.openvrm.driver.libvirt.LibvirtConfig;
import org.openvrm.manager.store.StoreConfig;

/**
 * Everything the manager is configured with, passed in once.
 *
 * @param bindHost must be a loopback address until users, roles and TLS exist
 * @param port 0 picks a free port
 * @param taskMaxAttempts how many manager lifetimes one task may span before it is failed
 * @param shutdownTimeoutMillis how long a safe shutdown may take before its task fails
 * @param localHost add this machine as a host on first start: the all-in-one set-up
 * @param localDriver which driver that local host gets
 * @param localHostStepDelayMillis how long each VM step takes when the local host is simulated
 * @param libvirt how hosts with the libvirt driver reach libvirtd
 * @param guestPollMillis how often agents ask the guest agents of running VMs for their facts (IPs, host name)
 * @param liveness how often hosts heartbeat, and after how much silence a host is disconnected, then failed
 *     (validated there: failAfter &gt; disconnectAfter &gt; interval)
 * @param agentListen host:port of the agent port (remote agents, gRPC with mutual TLS); may be a non-loopback
 *     address since it serves nothing without a certificate from the manager CA or a bootstrap token; port 0
 *     picks a free one
 * @param agentCertValidity how long a certificate issued to a host (at registration or renewal) is valid; agents
 *     renew theirs once less than a third is left. At least {@link #MIN_AGENT_CERT_VALIDITY}
 */
public record ManagerConfig(
        Path dataDir, StoreConfig store, String bindHost, int port, int taskMaxAttempts, long shutdownTimeoutMillis,
        boolean localHost, LocalDriver localDriver, long localHostStepDelayMillis, LibvirtConfig libvirt,
        long guestPollMillis, HostLiveness.Timeouts liveness, String agentListen, Duration agentCertValidity) {

    /** The local host's driver: libvirt where it answers (AUTO), or forced. */
    public enum LocalDriver { AUTO, LIBVIRT, SIM }

    public static final int DEFAULT_PORT = 9440;
    public static final long DEFAULT_GUEST_POLL_MILLIS = 5_000;
    /** {@code vrm up}'s agent port; {@link #defaults} takes a free port instead, so test managers never collide. */
    public static final String DEFAULT_AGENT_LISTEN = "127.0.0.1:9443";
    public static final Duration DEFAULT_AGENT_CERT_VALIDITY = Duration.ofDays(825);
    /**
     * Short enough for a test to watch renewals (due after 20 s), long enough for an agent to renew in its last
     * third (10 s, checked every few seconds) even on a busy machine; real set-ups keep days at the least.
     */
    public static final Duration MIN_AGENT_CERT_VALIDITY = Duration.ofSeconds(30);

    public ManagerConfig {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(store, "store is null");
        requireNonNull(bindHost, "bindHost is null");
        requireNonNull(localDriver, "localDriver is null");
        requireNonNull(libvirt, "libvirt is null");
        requireNonNull(liveness, "liveness is null");
        requireNonNull(agentCertValidity, "agentCertValidity is null");
        if (agentCertValidity.compareTo(MIN_AGENT_CERT_VALIDITY) < 0) {
            throw new IllegalArgumentException("agent certificate validity must be at least "
                    + MIN_AGENT_CERT_VALIDITY.toSeconds() + " s, got " + agentCertValidity.toSeconds() + " s");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (taskMaxAttempts < 1 || shutdownTimeoutMillis < 1 || localHostStepDelayMillis < 0) {
            throw new IllegalArgumentException("taskMaxAttempts and shutdownTimeoutMillis must be positive");
        }
        agentAddress(agentListen); // refuses a malformed one now, not at start
        if (guestPollMillis < 1) {
            throw new IllegalArgumentException("guestPollMillis must be positive, got " + guestPollMillis);
        }
        try {
            if (!InetAddress.getByName(bindHost).isLoopbackAddress()) {
                throw new IllegalArgumentException("the manager listens on loopback only until users, roles and "
                        + "TLS exist; " + bindHost + " is not a loopback address");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve listen address " + bindHost, e);
        }
    }

    /**
     * The all-in-one defaults: embedded store in {@code dataDir}, 127.0.0.1:9440, a local host (libvirt if usable),
     * the agent port on a free loopback port ({@code vrm up} sets its own default).
     */
    public static ManagerConfig defaults(Path dataDir) {
        return new ManagerConfig(dataDir, StoreConfig.embedded(dataDir), "127.0.0.1", DEFAULT_PORT, 3, 120_000,
                true, LocalDriver.AUTO, 500, LibvirtConfig.defaults(), DEFAULT_GUEST_POLL_MILLIS,
                HostLiveness.Timeouts.DEFAULTS, "127.0.0.1:0", DEFAULT_AGENT_CERT_VALIDITY);
    }

    public ManagerConfig withPort(int newPort) {
        return new ManagerConfig(dataDir, store, bindHost, newPort, taskMaxAttempts, shutdownTimeoutMillis, localHost,
                localDriver, localHostStepDelayMillis, libvirt, guestPollMillis, liveness, agentListen,
                agentCertValidity);
    }

    public ManagerConfig withStore(StoreConfig newStore) {
        return new ManagerConfig(dataDir, newStore, bindHost, port, taskMaxAttempts, shutdownTimeoutMillis, localHost,
                localDriver, localHostStepDelayMillis, libvirt, guestPollMillis, liveness, agentListen,
                agentCertValidity);
    }

    /** A simulated local host (or none) whose steps take {@code stepDelayMillis}. */
    public ManagerConfig withLocalHost(boolean on, long stepDelayMillis) {
        return new ManagerConfig(dataDir, store, bindHost, port, taskMaxAttempts, shutdownTimeoutMillis, on,
                LocalDriver.SIM, stepDelayMillis, libvirt, guestPollMillis, liveness, agentListen,
                agentCertValidity);
    }

    public ManagerConfig withLocalDriver(LocalDriver driver) {
        return new ManagerConfig(dataDir, store, bindHost, port, taskMaxAttempts, shutdownTimeoutMillis, localHost,
                driver, localHostStepDelayMillis, libvirt, guestPollMillis, liveness, agentListen,
                agentCertValidity);
    }

    public ManagerConfig withLibvirt(LibvirtConfig newLibvirt) {
        return new ManagerConfig(dataDir, store, bindHost, port, taskMaxAttempts, shutdownTimeoutMillis, localHost,
                localDriver, localHostStepDelayMillis, newLibvirt, guestPollMillis, liveness, agentListen,
                agentCertValidity);
    }

    /** How often agents poll guest agents; small in tests so guest facts show up quickly. */
    public ManagerConfig withGuestPollMillis(long millis) {
        return new ManagerConfig(dataDir, store, bindHost, port, taskMaxAttempts, shutdownTimeoutMillis, localHost,
                localDriver, localHostStepDelayMillis, libvirt, millis, liveness, agentListen,
                agentCertValidity);
    }

    /** Heartbeat interval and host timeouts; short in tests so a cut host is seen disconnected and failed quickly. */
    public ManagerConfig withLiveness(HostLiveness.Timeouts timeouts) {
        return new ManagerConfig(dataDir, store, bindHost, port, taskMaxAttempts, shutdownTimeoutMillis, localHost,
                localDriver, localHostStepDelayMillis, libvirt, guestPollMillis, timeouts, agentListen,
                agentCertValidity);
    }

    public ManagerConfig withAgentListen(String hostPort) {
        return new ManagerConfig(dataDir, store, bindHost, port, taskMaxAttempts, shutdownTimeoutMillis, localHost,
                localDriver, localHostStepDelayMillis, libvirt, guestPollMillis, liveness, hostPort,
                agentCertValidity);
    }

    /** How long the certificates issued to hosts are valid; short in tests so renewals happen while they watch. */
    public ManagerConfig withAgentCertValidity(Duration validity) {
        return new ManagerConfig(dataDir, store, bindHost, port, taskMaxAttempts, shutdownTimeoutMillis, localHost,
                localDriver, localHostStepDelayMillis, libvirt, guestPollMillis, liveness, agentListen, validity);
    }

    /** {@code host:port} (IPv6 as {@code [addr]:port}) as a socket address to bind. */
    public static java.net.InetSocketAddress agentAddress(String hostPort) {
        requireNonNull(hostPort, "agentListen is null");
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("agent listen address must be host:port, got " + hostPort);
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        int p;
        try {
            p = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agent listen port is not a number: " + hostPort);
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("agent listen port must be 0..65535, got " + p);
        }
        return new java.net.InetSocketAddress(host, p);
    }
}
