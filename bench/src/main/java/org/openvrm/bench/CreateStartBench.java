package org.openvrm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.openvrm.manager.Ids;
import org.openvrm.manager.Manager;
import org.openvrm.manager.ManagerConfig;
import org.openvrm.manager.store.StoreConfig;

/**
 * Creates and starts many VMs on many simulated hosts through the REST API, with every simulated step instant, and
 * reports throughput and API latency per phase. The manager runs in this JVM, so the load generator shares the
 * machine's cores with it. Run it with {@code bench/run-create-start}; the options are in {@link Options#USAGE}.
 */
public final class CreateStartBench {

    /** What one request of a phase sends: a POST to {@code path} with a JSON body (or none). */
    record Request(String path, Object body) {}

    /** The measurements of one phase that submits background tasks and waits for all of them. */
    record Phase(String name, String taskType, int requests, int accepted, Map<String, Integer> errors,
                 Latencies.Summary post, double acceptedPerSecond, int succeeded, int failed,
                 Map<String, Integer> failures, double donePerSecond, double steadyDonePerSecond,
                 Latencies.Summary taskLatency, double wallSeconds, double cpuPercent, double otherCpuPercent,
                 long gcCount, long gcMillis) {}

    /** The measurements of one read endpoint. */
    record Read(String path, int requests, int errors, Latencies.Summary latency, double perSecond, long total) {}

    private final Options options;
    private final Api api;
    private final Path dataDir;

    private CreateStartBench(Options options, Api api, Path dataDir) {
        this.options = options;
        this.api = api;
        this.dataDir = dataDir;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("create-start: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        Path dataDir = options.dataDir() != null ? Files.createDirectories(options.dataDir())
                : Files.createTempDirectory("openvrm-bench-");
        ManagerConfig config = ManagerConfig.defaults(dataDir).withPort(0).withLocalHost(false, 0);
        if (options.jdbcUrl() != null) {
            config = config.withStore(new StoreConfig(options.jdbcUrl(), options.dbUser(), options.dbPassword(),
                    options.poolSize()));
        }
        log("data directory " + dataDir + ", store " + config.store());
        String markdown;
        try (Manager manager = new Manager(config, Clock.systemUTC(), new Ids())) {
            manager.start();
            log("manager at " + manager.url());
            var bench = new CreateStartBench(options, new Api(manager.url()), dataDir);
            markdown = bench.run(switch (options.store()) {
                case "embedded" -> "embedded (H2)";
                case "h2" -> "H2 (" + options.jdbcUrl().replaceFirst("^jdbc:h2:[^;]*", "").replace(";", " ").trim()
                        + ")";
                default -> "PostgreSQL";
            });
        } finally {
            if (!options.keepData()) {
                deleteTree(dataDir);
            }
        }
        System.out.println();
        System.out.println(markdown);
        if (options.results() != null) {
            Results.update(options.results(), options.sectionKey(), markdown);
            log("results written to " + options.results());
        }
    }

    private String run(String store) throws Exception {
        long existing = api.total("/vms");
        if (existing > 0) {
            throw new IllegalStateException("the store already holds " + existing + " VMs; the benchmark needs an "
                    + "empty one (a new PostgreSQL database, or a new data directory)");
        }
        Instant started = Instant.now();
        String datastorePath = Files.createDirectories(dataDir.resolve("bench-datastore")).toAbsolutePath()
                .toString();
        String clusterId = setup("/clusters", Map.of("name", "bench")).get("targetId").asText();
        setup("/datastores", Map.of("name", "bench-ds", "type", "dir", "path", datastorePath,
                "capacityMb", 1024L * 1024 * 1024));
        setup("/portgroups", Map.of("name", "bench-net"));

        Map<String, Object> sim = Map.of("coresPerSocket", 20, "threadsPerCore", 2, "sockets", 1, "mhz", 2400,
                "memoryMb", 131072, "stepDelayMillis", 0);
        Phase hosts = phase("add hosts", "host.add", options.hosts(), i -> new Request("/hosts",
                Map.of("name", String.format("bench-host-%05d", i), "clusterId", clusterId, "driver", "sim",
                        "sim", sim)), null);
        long connected = api.total("/hosts?state=CONNECTED");
        if (connected != options.hosts()) {
            throw new IllegalStateException(connected + " of " + options.hosts() + " hosts are CONNECTED");
        }

        String[] vmIds = new String[options.vms()];
        Phase create = phase("create VMs", "vm.create", options.vms(), i -> new Request("/vms",
                Map.of("name", String.format("bench-vm-%06d", i), "vcpus", 1, "memoryMb", 512,
                        "disks", List.of(Map.of("sizeMb", 1024)), "nics", List.of(Map.of()))), vmIds);
        long stopped = api.total("/vms?state=STOPPED");
        log(stopped + " VMs STOPPED after the create phase");

        Phase start = phase("start VMs", "vm.start", options.vms(),
                i -> vmIds[i] == null ? null : new Request("/vms/" + vmIds[i] + "/start", null), null);
        long running = api.total("/vms?state=RUNNING");
        log(running + " VMs RUNNING after the start phase");

        List<Read> reads = List.of(read("/vms?limit=100"), read("/hosts?limit=100"));
        return Results.markdown(options, store, started, List.of(hosts, create, start), reads, running);
    }

    private JsonNode setup(String path, Object body) {
        Api.Reply r = api.post(path, body);
        if (!r.accepted() || !"SUCCEEDED".equals(r.body().path("state").asText())) {
            throw new IllegalStateException("POST " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * Sends {@code count} requests from {@code concurrency} clients as fast as they are answered, then waits until
     * every accepted task has finished. Throughput counts tasks that SUCCEEDED, up to the last one's finish time.
     */
    private Phase phase(String name, String taskType, int count, IntFunction<Request> requests, String[] targetIds)
            throws Exception {
        log(name + ": " + count + " requests from " + options.concurrency() + " clients");
        var latencies = new Latencies(count);
        var accepted = new AtomicInteger();
        var sent = new AtomicInteger();
        var lastAccepted = new AtomicLong();
        var errors = new ConcurrentHashMap<String, Integer>();
        var next = new AtomicInteger();
        var machine = MachineCounters.now();
        long startMs = System.currentTimeMillis();
        long start = System.nanoTime();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        for (int c = 0; c < options.concurrency(); c++) {
            clients.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    Request request = requests.apply(i);
                    if (request == null) {
                        errors.merge("NOT_SENT (no target)", 1, Integer::sum);
                        continue;
                    }
                    try {
                        Api.Reply r = api.post(request.path(), request.body());
                        latencies.add(r.nanos());
                        if (r.accepted()) {
                            accepted.incrementAndGet();
                            lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
                            if (targetIds != null) {
                                targetIds[i] = r.body().get("targetId").asText();
                            }
                        } else {
                            errors.merge(r.status() + " " + r.code(), 1, Integer::sum);
                        }
                    } catch (RuntimeException e) {
                        errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    } finally {
                        sent.incrementAndGet();
                    }
                }
            });
        }
        clients.shutdown();
        // Poll the counts of finished tasks: two COUNT queries per poll, a few per second.
        String succeededQuery = "/tasks?type=" + taskType + "&state=SUCCEEDED";
        String failedQuery = "/tasks?type=" + taskType + "&state=FAILED";
        long deadline = start + options.phaseTimeout().toNanos();
        long nextLog = start + TimeUnit.SECONDS.toNanos(5);
        long succeeded;
        long failed;
        while (true) {
            boolean allSent = clients.awaitTermination(options.pollMillis(), TimeUnit.MILLISECONDS);
            succeeded = api.total(succeededQuery);
            failed = api.total(failedQuery);
            long now = System.nanoTime();
            if (allSent && succeeded + failed >= accepted.get()) {
                break;
            }
            if (now > deadline) {
                clients.shutdownNow();
                throw new IllegalStateException(name + " did not finish in " + options.phaseTimeout() + ": "
                        + sent.get() + " sent, " + accepted.get() + " accepted, " + succeeded + " succeeded, "
                        + failed + " failed");
            }
            if (now >= nextLog) {
                log(String.format("  %5.1f s: %d sent, %d accepted, %d succeeded, %d failed",
                        (now - start) / 1e9, sent.get(), accepted.get(), succeeded, failed));
                nextLog += TimeUnit.SECONDS.toNanos(5);
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        var used = machine.since();

        // The exact finish times come from the tasks themselves (the manager's clock is this JVM's clock).
        List<JsonNode> tasks = allTasks(taskType);
        var taskLatency = new Latencies(tasks.size());
        long[] finished = tasks.stream().filter(t -> "SUCCEEDED".equals(t.path("state").asText()))
                .mapToLong(t -> Instant.parse(t.get("finishedAt").asText()).toEpochMilli()).sorted().toArray();
        Map<String, Integer> failures = new TreeMap<>();
        for (JsonNode t : tasks) {
            if (t.hasNonNull("finishedAt")) {
                taskLatency.add(TimeUnit.MILLISECONDS.toNanos(Instant.parse(t.get("finishedAt").asText()).toEpochMilli()
                        - Instant.parse(t.get("createdAt").asText()).toEpochMilli()));
            }
            if ("FAILED".equals(t.path("state").asText())) {
                failures.merge(t.path("error").path("code").asText("?"), 1, Integer::sum);
            }
        }
        double donePerSecond = finished.length == 0 ? 0
                : finished.length / Math.max(0.001, (finished[finished.length - 1] - startMs) / 1000.0);
        double steady = Double.NaN;
        if (finished.length >= 100) {
            int lo = finished.length / 10;
            int hi = finished.length * 9 / 10;
            steady = (hi - lo) / Math.max(0.001, (finished[hi] - finished[lo]) / 1000.0);
        }
        double acceptedPerSecond = accepted.get() == 0 ? 0
                : accepted.get() / ((lastAccepted.get() - start) / 1e9);
        var phase = new Phase(name, taskType, count, accepted.get(), new TreeMap<>(errors), latencies.summary(),
                acceptedPerSecond, finished.length, (int) failed, failures, donePerSecond, steady,
                taskLatency.summary(), wall, used.cpuPercent(), used.otherCpuPercent(), used.gcCount(), used.gcMillis());
        log(String.format("%s: %d accepted (%.0f/s), %d succeeded (%.0f/s), %d failed, POST p50 %.1f ms p99 %.1f ms,"
                        + " %.1f s", name, phase.accepted(), acceptedPerSecond, phase.succeeded(), donePerSecond,
                phase.failed(), phase.post().p(50), phase.post().p(99), wall));
        return phase;
    }

    /** Every task of a type, newest first, a page of 1,000 at a time (outside the timed part). */
    private List<JsonNode> allTasks(String taskType) {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = api.read("/tasks?type=" + taskType + "&limit=1000&offset=" + offset);
            page.get("items").forEach(all::add);
            if (page.get("items").size() < 1000) {
                return all;
            }
        }
    }

    /** {@code options.reads()} GETs of one page after a short warm-up, from {@code options.readConcurrency()}. */
    private Read read(String path) throws Exception {
        for (int i = 0; i < 20; i++) {
            api.read(path);
        }
        var latencies = new Latencies(options.reads());
        var errors = new AtomicInteger();
        var next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < options.readConcurrency(); c++) {
                clients.execute(() -> {
                    while (next.getAndIncrement() < options.reads()) {
                        try {
                            Api.Reply r = api.get(path);
                            latencies.add(r.nanos());
                            if (r.status() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = api.read(path).get("total").asLong();
        var read = new Read("GET /api/v1" + path, options.reads(), errors.get(), latencies.summary(),
                options.reads() / seconds, total);
        log(String.format("%s: p50 %.1f ms, p99 %.1f ms, %.0f req/s (total %d)", read.path(), read.latency().p(50),
                read.latency().p(99), read.perSecond(), total));
        return read;
    }

    static void log(String line) {
        System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * CPU time of this process, of the whole machine (from /proc/stat) and GC counts: tells a CPU-bound phase from
     * one that waits, and shows how much CPU other work on the machine took meanwhile.
     */
    record MachineCounters(long wallNanos, long cpuNanos, long gcCount, long gcMillis, long[] machineJiffies) {

        record Used(double cpuPercent, double otherCpuPercent, long gcCount, long gcMillis) {}

        static MachineCounters now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            long cpu = ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
            return new MachineCounters(System.nanoTime(), cpu, count, millis, readMachineJiffies());
        }

        /** {busy, total} jiffies of all CPUs since boot; null where /proc/stat is not there. */
        private static long[] readMachineJiffies() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long total = 0;
                long idle = 0;
                for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                    long v = Long.parseLong(f[i]);
                    total += v;
                    if (i == 4 || i == 5) {
                        idle += v;
                    }
                }
                return new long[] {total - idle, total};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** CPU used since this snapshot as a share of all cores (100 % = every core busy the whole time). */
        Used since() {
            var now = now();
            double wall = now.wallNanos - wallNanos;
            int cores = Runtime.getRuntime().availableProcessors();
            double cpu = cpuNanos < 0 ? Double.NaN : 100.0 * (now.cpuNanos - cpuNanos) / (wall * cores);
            double other = Double.NaN;
            if (machineJiffies != null && now.machineJiffies != null && now.machineJiffies[1] > machineJiffies[1]) {
                double busy = 100.0 * (now.machineJiffies[0] - machineJiffies[0])
                        / (now.machineJiffies[1] - machineJiffies[1]);
                other = Math.max(0, busy - cpu);
            }
            return new Used(cpu, other, now.gcCount - gcCount, now.gcMillis - gcMillis);
        }
    }

    static String errors(Map<String, Integer> errors) {
        return errors.isEmpty() ? "0" : errors.entrySet().stream().map(e -> e.getValue() + " × " + e.getKey())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
