package org.openvrm.bench;

import java.nio.file.Path;
import java.time.Duration;

/** The command line of {@link CreateStartBench}. */
record Options(int hosts, int vms, int concurrency, int reads, int readConcurrency, String jdbcUrl, String dbUser,
               String dbPassword, int poolSize, Path dataDir, boolean keepData, Path results, String command,
               Path machineInfo, long pollMillis, Duration phaseTimeout, boolean help, String loadBefore) {

    static final String USAGE = """
            usage: bench/run-create-start [options]
              --hosts N              simulated hosts to add (default 1000; each holds at most 100 VMs)
              --vms N                VMs to create, then start (default 10000)
              --concurrency N        client threads sending the create/start requests (default 32)
              --reads N              GETs per read endpoint, after 20 warm-up GETs (default 500)
              --read-concurrency N   client threads of the read phase (default 1: unloaded latency)
              --jdbc-url URL         use this store instead of the embedded default: an empty PostgreSQL
                                     database, or an H2 URL to try other H2 settings
              --db-user USER         PostgreSQL user (default vrm); the password is read from the environment
                                     variable OPENVRM_BENCH_DB_PASSWORD (default empty)
              --pool-size N          store connection pool (default 10, as the embedded store)
              --data-dir DIR         the manager's data directory (default: a new temporary one)
              --keep-data            do not delete the data directory afterwards
              --results FILE         replace this run's section in FILE (docs/benchmarks.md), keyed by
                                     hosts, VMs, clients and store
              --poll-millis N        how often finished tasks are counted (default 500)
              --phase-timeout-min N  give up a phase after N minutes (default 30)
            """;

    static Options parse(String[] args) {
        int hosts = 1000;
        int vms = 10_000;
        int concurrency = 32;
        int reads = 500;
        int readConcurrency = 1;
        String jdbcUrl = null;
        String dbUser = "vrm";
        int poolSize = 10;
        Path dataDir = null;
        boolean keep = false;
        Path results = null;
        String command = null;
        Path machineInfo = null;
        long poll = 500;
        long timeoutMin = 30;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new Options(0, 0, 0, 0, 0, null, null, null, 0, null, false, null, null, null, 0,
                            Duration.ZERO, true, null);
                }
                case "--keep-data" -> keep = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value"
                                : "unknown argument " + a);
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--hosts" -> hosts = positive(a, v);
                        case "--vms" -> vms = positive(a, v);
                        case "--concurrency" -> concurrency = positive(a, v);
                        case "--reads" -> reads = positive(a, v);
                        case "--read-concurrency" -> readConcurrency = positive(a, v);
                        case "--jdbc-url" -> jdbcUrl = v;
                        case "--db-user" -> dbUser = v;
                        case "--pool-size" -> poolSize = positive(a, v);
                        case "--data-dir" -> dataDir = Path.of(v);
                        case "--results" -> results = Path.of(v);
                        case "--command" -> command = v;
                        case "--machine-info" -> machineInfo = Path.of(v);
                        case "--poll-millis" -> poll = positive(a, v);
                        case "--phase-timeout-min" -> timeoutMin = positive(a, v);
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
        if ((long) hosts * 100 < vms) {
            throw new IllegalArgumentException(hosts + " hosts hold at most " + hosts * 100L + " VMs, not " + vms);
        }
        String password = System.getenv().getOrDefault("OPENVRM_BENCH_DB_PASSWORD", "");
        return new Options(hosts, vms, concurrency, reads, readConcurrency, jdbcUrl, dbUser, password, poolSize,
                dataDir, keep, results, command, machineInfo, poll, Duration.ofMinutes(timeoutMin), false,
                Results.loadAverage());
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " must be a positive integer, got '" + value + "'");
    }

    /** embedded (the default H2 file), h2 (an H2 URL given by hand, e.g. other settings) or postgresql. */
    String store() {
        return jdbcUrl == null ? "embedded" : jdbcUrl.startsWith("jdbc:h2:") ? "h2" : "postgresql";
    }

    /** Which section of the results file this run replaces: one per configuration. */
    String sectionKey() {
        return "create-start hosts=" + hosts + " vms=" + vms + " clients=" + concurrency + " store=" + store();
    }

    @Override
    public String toString() {
        return sectionKey(); // never the password
    }
}
