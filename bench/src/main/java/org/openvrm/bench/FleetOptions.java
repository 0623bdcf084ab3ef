package org.openvrm.bench;

import java.nio.file.Path;
import java.time.Duration;

/** The command line of {@link FleetBench}. */
record FleetOptions(int hosts, int vms, int clients, Duration hold, String jdbcUrl, String dbUser,
                    String managerHeap, String fleetHeap, int fleetIoThreads, int agentsPerFleet,
                    String launcherClasspath,
                    Path results, String command, Path machineInfo, boolean help) {

    static final String USAGE = """
            usage: bench/run-fleet [options]
              --hosts N             simulated agents, over as many fleet processes as --agents-per-fleet needs
                                    (default 2000)
              --vms N               VMs created, then started, spread over the hosts (default 20000)
              --clients N           client threads sending the create/start requests (default 32)
              --hold-seconds N      how long the manager holds them while being measured (default 180)
              --jdbc-url URL        PostgreSQL store (an empty database) instead of embedded H2; the password
                                    comes from OPENVRM_BENCH_DB_PASSWORD
              --db-user USER        PostgreSQL user (default vrm)
              --manager-heap SIZE   the manager's -Xmx (default 2g, as vrm up)
              --fleet-heap SIZE     each fleet process's -Xmx (default 5g)
              --fleet-io-threads N  each fleet process's Netty event loop threads (default 2)
              --agents-per-fleet N  agents in one fleet process at most (default 5000: each holds 3 files open,
                                    and a process may open 20,000 here)
              --results FILE        replace this run's section in FILE (docs/benchmarks.md)
            """;

    static FleetOptions parse(String[] args) {
        int hosts = 2000;
        int vms = 20_000;
        int clients = 32;
        long hold = 180;
        String jdbcUrl = null;
        String dbUser = "vrm";
        String managerHeap = "2g";
        String fleetHeap = "5g";
        int io = 2;
        int perFleet = 5000;
        String cp = null;
        Path results = null;
        String command = null;
        Path machineInfo = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return new FleetOptions(0, 0, 0, Duration.ZERO, null, null, null, null, 0, 0, null, null, null, null,
                        true);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "unknown argument " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--hosts" -> hosts = positive(a, v);
                case "--vms" -> vms = positive(a, v);
                case "--clients" -> clients = positive(a, v);
                case "--hold-seconds" -> hold = positive(a, v);
                case "--jdbc-url" -> jdbcUrl = v;
                case "--db-user" -> dbUser = v;
                case "--manager-heap" -> managerHeap = v;
                case "--fleet-heap" -> fleetHeap = v;
                case "--fleet-io-threads" -> io = positive(a, v);
                case "--agents-per-fleet" -> perFleet = positive(a, v);
                case "--launcher-classpath" -> cp = v;
                case "--results" -> results = Path.of(v);
                case "--command" -> command = v;
                case "--machine-info" -> machineInfo = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (cp == null) {
            throw new IllegalArgumentException("--launcher-classpath is required (bench/run-fleet passes it)");
        }
        return new FleetOptions(hosts, vms, clients, Duration.ofSeconds(hold), jdbcUrl, dbUser, managerHeap,
                fleetHeap, io, perFleet, cp, results, command, machineInfo, false);
    }

    private static int positive(String flag, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(flag + " must be a positive whole number, got '" + v + "'");
    }

    /** The agents of each fleet process: as many full ones as the hosts fill, then the rest. */
    java.util.List<Integer> fleetSizes() {
        var sizes = new java.util.ArrayList<Integer>();
        for (int left = hosts; left > 0; left -= agentsPerFleet) {
            sizes.add(Math.min(left, agentsPerFleet));
        }
        return sizes;
    }

    String store() {
        return jdbcUrl == null ? "embedded" : jdbcUrl.startsWith("jdbc:postgresql:") ? "postgresql" : "other";
    }
}
