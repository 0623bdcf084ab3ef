package org.openvrm.manager;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.openvrm.manager.store.StoreConfig;

/**
 * Everything the manager is configured with, passed in once.
 *
 * @param bindHost must be a loopback address until users, roles and TLS exist
 * @param port 0 picks a free port
 * @param taskMaxAttempts how many manager lifetimes one task may span before it is failed
 * @param shutdownTimeoutMillis how long a safe shutdown may take before its task fails
 * @param localHost add this machine as a (simulated) host on first start: the all-in-one set-up
 * @param localHostStepDelayMillis how long each VM step takes on that simulated local host
 */
public record ManagerConfig(
        Path dataDir, StoreConfig store, String bindHost, int port, int taskMaxAttempts, long shutdownTimeoutMillis,
        boolean localHost, long localHostStepDelayMillis) {

    public static final int DEFAULT_PORT = 9440;

    public ManagerConfig {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(store, "store is null");
        requireNonNull(bindHost, "bindHost is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (taskMaxAttempts < 1 || shutdownTimeoutMillis < 1 || localHostStepDelayMillis < 0) {
            throw new IllegalArgumentException("taskMaxAttempts and shutdownTimeoutMillis must be positive");
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

    /** The all-in-one defaults: embedded store in {@code dataDir}, 127.0.0.1:9440, a local host. */
    public static ManagerConfig defaults(Path dataDir) {
        return new ManagerConfig(dataDir, StoreConfig.embedded(dataDir), "127.0.0.1", DEFAULT_PORT, 3, 120_000,
                true, 500);
    }

    public ManagerConfig withPort(int newPort) {
        return new ManagerConfig(dataDir, store, bindHost, newPort, taskMaxAttempts, shutdownTimeoutMillis, localHost,
                localHostStepDelayMillis);
    }

    public ManagerConfig withStore(StoreConfig newStore) {
        return new ManagerConfig(dataDir, newStore, bindHost, port, taskMaxAttempts, shutdownTimeoutMillis, localHost,
                localHostStepDelayMillis);
    }

    public ManagerConfig withLocalHost(boolean on, long stepDelayMillis) {
        return new ManagerConfig(dataDir, store, bindHost, port, taskMaxAttempts, shutdownTimeoutMillis, on,
                stepDelayMillis);
    }
}
