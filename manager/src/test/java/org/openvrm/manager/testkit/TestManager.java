package org.openvrm.manager.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.openvrm.manager.Ids;
import org.openvrm.manager.Manager;
import org.openvrm.manager.ManagerConfig;

/** An in-process manager on a random loopback port, with its own data directory and store. */
public final class TestManager implements AutoCloseable {

    private ManagerConfig config;
    private Manager manager;
    private Api api;

    private TestManager(ManagerConfig config) {
        this.config = config;
    }

    public static TestManager start(TestStores.Kind store) {
        return start(store, c -> c);
    }

    /** As {@link #start(TestStores.Kind)}, with the test's own changes to the configuration. */
    public static TestManager start(TestStores.Kind store, java.util.function.UnaryOperator<ManagerConfig> tweak) {
        try {
            Path dir = Files.createTempDirectory("vrm-test-");
            var config = tweak.apply(ManagerConfig.defaults(dir).withPort(0).withLocalHost(false, 0)
                    .withStore(TestStores.fresh(store, dir)));
            var t = new TestManager(config);
            t.open();
            return t;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void open() {
        manager = new Manager(config, Clock.systemUTC(), new Ids());
        config = config.withPort(manager.start()); // a restart comes back on the same port
        config = config.withAgentListen("127.0.0.1:" + manager.agentPort()); // so do the agents
        api = new Api(manager.url());
    }

    /** Stops and starts the manager on the same store and data directory, as an operator restart would. */
    public void restart() {
        restart(() -> { });
    }

    /** As {@link #restart()}, running {@code whileStopped} (e.g. rewinding the store as a crash would) between. */
    public void restart(Runnable whileStopped) {
        manager.close();
        whileStopped.run();
        open();
    }

    /** Where remote agents dial this manager: host:port. */
    public String agentTarget() {
        return "127.0.0.1:" + manager.agentPort();
    }

    public Api api() {
        return api;
    }

    /** The manager's store, for a test that must see rows the API does not show (e.g. that none are left). */
    public org.openvrm.manager.store.StoreConfig store() {
        return config.store();
    }

    /** The fault knobs of a simulated host, e.g. to cut it off as a dead hypervisor would. */
    public org.openvrm.driver.sim.SimFaults simFaults(String hostId) {
        return manager.simFaults(hostId).orElseThrow(() -> new AssertionError("host " + hostId
                + " is not a connected simulated host"));
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** A cluster with simulated hosts of the given shape; returns the cluster id. */
    public String clusterWithHosts(String name, int hosts, int cores, int mhz, long memoryMb, long stepDelayMs) {
        String cluster = api.create("/clusters", "{\"name\":\"" + name + "\"}");
        for (int i = 1; i <= hosts; i++) {
            api.create("/hosts", """
                    {"name":"%s-h%d","clusterId":"%s","driver":"sim",
                     "sim":{"coresPerSocket":%d,"threadsPerCore":1,"mhz":%d,"memoryMb":%d,"stepDelayMillis":%d}}
                    """.formatted(name, i, cluster, cores, mhz, memoryMb, stepDelayMs));
        }
        return cluster;
    }

    @Override
    public void close() {
        manager.close();
    }
}
