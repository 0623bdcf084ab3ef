package org.openvrm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * One manager process holding a fleet of simulated hosts in a second process: connect N hosts, create and start M
 * VMs, then hold them with heartbeats while the manager's CPU, heap, RSS and read latency are measured.
 */
public final class FleetBench {

    /** One timed GET endpoint during the hold. */
    record Read(String label, Latencies latencies) {
    }

    /** A phase's outcome: how many requests were accepted, how long until all their tasks finished. */
    record Phase(String name, int accepted, long succeeded, double seconds) {
    }

    private final FleetOptions o;
    private final Path javaHome = Path.of(System.getProperty("java.home"));
    private final List<Process> processes = new ArrayList<>();

    private FleetBench(FleetOptions o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        FleetOptions o;
        try {
            o = FleetOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run-fleet: " + e.getMessage() + "\n" + FleetOptions.USAGE);
            System.exit(2);
            return;
        }
        if (o.help()) {
            System.out.print(FleetOptions.USAGE);
            return;
        }
        var bench = new FleetBench(o);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll, "fleet-bench-cleanup"));
        bench.run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        Path dir = Files.createTempDirectory("vrm-fleet-bench-");
        int apiPort = freePort();
        int agentPort = freePort();
        List<String> up = new ArrayList<>(List.of("up", "--data-dir", dir.resolve("manager").toString(),
                "--port", Integer.toString(apiPort), "--agent-listen", "127.0.0.1:" + agentPort, "--no-local-host",
                "--heartbeat-interval", "10s"));
        if (o.jdbcUrl() != null) {
            up.addAll(List.of("--jdbc-url", o.jdbcUrl(), "--db-user", o.dbUser()));
        }
        Process manager = launch("manager", o.managerHeap(), up, dir.resolve("manager.log"),
                Map.of("VRM_DB_PASSWORD", System.getenv().getOrDefault("OPENVRM_BENCH_DB_PASSWORD", "")));
        var api = new Api("http://127.0.0.1:" + apiPort + "/api/v1");
        awaitApi(api, manager);
        log("manager pid " + manager.pid() + " up; making " + o.hosts() + " tokens for " + o.fleetSizes().size()
                + " fleet process(es)");

        String cluster = accepted(api.post("/clusters", Map.of("name", "fleet")), api).get("targetId").asText();
        List<Integer> sizes = o.fleetSizes();
        for (int f = 0; f < sizes.size(); f++) {
            Files.writeString(dir.resolve("tokens-" + f), tokens(api, cluster, sizes.get(f)));
        }

        long connectStart = System.nanoTime();
        // several fleet processes, because one process may hold only so many files open (each agent: its state
        // directory's lock, its journal and its socket)
        for (int f = 0; f < sizes.size(); f++) {
            launch("fleet " + f, o.fleetHeap(), List.of("fleet", "--manager", "127.0.0.1:" + agentPort, "--count",
                    Integer.toString(sizes.get(f)), "--tokens-file", dir.resolve("tokens-" + f).toString(),
                    "--data-dir", dir.resolve("fleet-" + f).toString(), "--name-prefix", "fleet" + f, "--io-threads",
                    Integer.toString(o.fleetIoThreads()),
                    "--sim-step-delay-ms", "0"), dir.resolve("fleet-" + f + ".log"), Map.of());
        }
        awaitCount(api, "/hosts?state=CONNECTED", o.hosts(), Duration.ofMinutes(20));
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        log(o.hosts() + " hosts CONNECTED in " + Math.round(connectSeconds) + " s");

        List<String> hostIds = ids(api, "/hosts");
        double cpuBefore = ProcStat.cpuSeconds(manager.pid());
        Phase create = phase(api, "create VMs", "vm.create", o.vms(), i -> new Api.Reply[]{api.post("/vms",
                Map.of("name", "fl-" + i, "hostId", hostIds.get(i % hostIds.size()), "vcpus", 1, "memoryMb", 256))});
        List<String> vmIds = ids(api, "/vms");
        Phase start = phase(api, "start VMs", "vm.start", vmIds.size(),
                i -> new Api.Reply[]{api.post("/vms/" + vmIds.get(i) + "/start", null)});
        double setupCpu = ProcStat.cpuSeconds(manager.pid()) - cpuBefore;
        long running = api.total("/vms?state=RUNNING");
        log("running " + running + "; holding " + o.hold().toSeconds() + " s");

        List<Read> reads = List.of(new Read("GET /vms?limit=100", new Latencies(4096)),
                new Read("GET /hosts?limit=100", new Latencies(4096)), new Read("GET /vms/{id}", new Latencies(4096)),
                new Read("GET /alarms", new Latencies(4096)));
        double cpu0 = ProcStat.cpuSeconds(manager.pid());
        long t0 = System.nanoTime();
        long maxRss = 0;
        long end = t0 + o.hold().toNanos();
        int turn = 0;
        while (System.nanoTime() < end) {
            Read r = reads.get(turn++ % reads.size());
            String path = switch (r.label()) {
                case "GET /vms?limit=100" -> "/vms?limit=100";
                case "GET /hosts?limit=100" -> "/hosts?limit=100";
                case "GET /vms/{id}" -> "/vms/" + vmIds.get(ThreadLocalRandom.current().nextInt(vmIds.size()));
                default -> "/alarms";
            };
            Api.Reply reply = api.get(path);
            if (reply.status() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + reply.status());
            }
            r.latencies().add(reply.nanos());
            maxRss = Math.max(maxRss, MachineSampler.rssMb(manager.pid()));
            Thread.sleep(20); // one modest client: latency under the hold's own load, not under a read storm
        }
        double holdSeconds = (System.nanoTime() - t0) / 1e9;
        double holdCpuPercent = (ProcStat.cpuSeconds(manager.pid()) - cpu0) / holdSeconds * 100;
        long connectedAfter = api.total("/hosts?state=CONNECTED");
        long runningAfter = api.total("/vms?state=RUNNING");
        long heapMb = ProcStat.heapUsedAfterGcMb(javaHome, manager.pid());
        long rssMb = MachineSampler.rssMb(manager.pid());
        log(String.format("hold: manager CPU %.1f%% of one core, heap after GC %d MB, RSS %d MB", holdCpuPercent,
                heapMb, rssMb));

        String section = FleetReport.markdown(o, started, new FleetReport.Numbers(connectSeconds, create, start,
                setupCpu, running, holdSeconds, holdCpuPercent, heapMb, rssMb, Math.max(maxRss, rssMb),
                connectedAfter, runningAfter), reads, o.machineInfo() == null ? "" : Files.readString(o.machineInfo()));
        System.out.println(section);
        if (o.results() != null) {
            Results.update(o.results(), "fleet hosts=" + o.hosts() + " vms=" + o.vms() + " store=" + o.store(),
                    section);
        }
        stopAll();
        deleteTree(dir);
    }

    private static String tokens(Api api, String cluster, int count) {
        StringBuilder tokens = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Api.Reply r = api.post("/hosts/tokens", Map.of("clusterId", cluster, "ttlSeconds", 86_400));
            if (r.status() != 201) {
                throw new IllegalStateException("POST /hosts/tokens answered " + r.status() + ": " + r.body());
            }
            tokens.append(r.body().get("token").asText()).append('\n');
        }
        return tokens.toString();
    }

    private Phase phase(Api api, String name, String taskType, int count, IntFunction<Api.Reply[]> send)
            throws InterruptedException {
        long before = api.total("/tasks?type=" + taskType + "&state=SUCCEEDED");
        var next = new AtomicInteger();
        var accepted = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < o.clients(); c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    if (send.apply(i)[0].accepted()) {
                        accepted.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        long done;
        while ((done = api.total("/tasks?type=" + taskType + "&state=SUCCEEDED") - before)
                + api.total("/tasks?type=" + taskType + "&state=FAILED") < accepted.get()
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        var p = new Phase(name, accepted.get(), done, (System.nanoTime() - t0) / 1e9);
        log(String.format("%s: %d accepted, %d succeeded in %.1f s", name, p.accepted(), p.succeeded(), p.seconds()));
        return p;
    }

    private static List<String> ids(Api api, String path) {
        List<String> ids = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = api.read(path + "?limit=1000&offset=" + offset);
            page.get("items").forEach(n -> ids.add(n.get("id").asText()));
            if (page.get("items").isEmpty() || ids.size() >= page.get("total").asLong()) {
                return ids;
            }
        }
    }

    private Process launch(String what, String heap, List<String> args, Path logFile, Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-Xmx" + heap,
                "--enable-native-access=ALL-UNNAMED", "-cp", o.launcherClasspath(), "org.openvrm.launcher.Main"));
        cmd.addAll(args);
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        log(what + " started (pid " + p.pid() + ", log " + logFile + ")");
        return p;
    }

    private static void awaitApi(Api api, Process manager) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!manager.isAlive()) {
                throw new IllegalStateException("the manager exited with " + manager.exitValue());
            }
            try {
                if (api.get("/hosts?limit=1").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the manager's API did not answer in 3 min");
    }

    private static void awaitCount(Api api, String query, long want, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long n = api.total(query);
            if (n >= want) {
                return;
            }
            if (n / 500 != last / 500) {
                log(query + ": " + n + " of " + want);
            }
            last = n;
            Thread.sleep(1000);
        }
        throw new IllegalStateException(query + " reached only " + last + " of " + want + " in " + timeout);
    }

    private static JsonNode accepted(Api.Reply r, Api api) throws InterruptedException {
        if (!r.accepted()) {
            throw new IllegalStateException("expected 202, got " + r.status() + ": " + r.body());
        }
        String task = r.body().get("id").asText();
        for (int i = 0; i < 600; i++) {
            JsonNode t = api.read("/tasks/" + task);
            if (t.path("state").asText().equals("SUCCEEDED")) {
                return t;
            }
            if (t.path("state").asText().equals("FAILED")) {
                throw new IllegalStateException("task failed: " + t);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("task " + task + " did not finish");
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private synchronized void stopAll() {
        for (Process p : processes.reversed()) { // the fleet first, then the manager
            p.destroy();
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void log(String line) {
        System.err.println("[" + Instant.now().toString().substring(11, 19) + "] " + line);
    }
}
