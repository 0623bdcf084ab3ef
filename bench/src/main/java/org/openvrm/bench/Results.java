package org.openvrm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.openvrm.bench.CreateStartBench.Phase;
import org.openvrm.bench.CreateStartBench.Read;

/** Renders a run as Markdown and keeps one section per configuration in the results file. */
final class Results {

    /** vCenter 6.5's claim as quoted in the issue, for a ratio; a different system on different hardware. */
    static final double VCENTER_OPS_PER_SECOND = 60;
    static final double AIM_CREATES_PER_SECOND = 500;

    private static final String HEADER = """
            # Benchmarks

            Performance is measured here, by benchmarks run on purpose, never by timed unit tests. Every number
            comes with the command that reproduces it and the machine it ran on. The machines are small, shared and
            noisy: compare runs made on the same machine in the same session, as ratios, and rerun before trusting
            a difference of less than about 20 %.
            """;

    private Results() {}

    static String markdown(Options o, String store, Instant started, List<Phase> phases, List<Read> reads,
                           long running) throws IOException {
        var md = new StringBuilder();
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started);
        long seconds = Duration.between(started, Instant.now()).toSeconds();
        md.append(String.format("### %,d hosts, %,d VMs, %d clients, %s store%n%n", o.hosts(), o.vms(),
                o.concurrency(), store));
        md.append("Run ").append(when).append(", ").append(seconds).append(" s in all. Reproduce with:\n\n");
        md.append("    ").append(o.command() != null ? o.command() : "bench/run-create-start " + o.sectionKey())
                .append("\n\n");
        if (o.machineInfo() != null && Files.exists(o.machineInfo())) {
            md.append("Machine:\n\n```\n").append(Files.readString(o.machineInfo()).strip()).append("\n```\n\n");
        }
        md.append("Load average (1/5/15 min) before the run: ").append(o.loadBefore()).append("; after: ")
                .append(loadAverage()).append(". In the table, CPU is the share of all cores used by this JVM, "
                        + "and after the slash by every other process on the machine in the same time; CPU ms/op is this JVM's CPU time (manager and load generator) per finished task, the figure least disturbed by other work.");
        if (o.store().equals("postgresql")) {
            md.append(" A PostgreSQL server on this machine counts as other work: its CPU is after the slash, not in "
                    + "CPU ms/op.");
        }
        md.append("\n\n");
        md.append("The manager and the load generator share this JVM and its cores (the manager runs in-process; "
                + "requests go over loopback HTTP). Simulated hosts with `stepDelayMillis: 0`. Each VM: 1 vCPU, "
                + "512 MB, one 1 GB thin disk, one NIC. A phase ends when every accepted task has finished; its "
                + "clients send the next request as soon as the previous one is answered.\n\n");

        md.append("| phase | requests | 202 | errors | 202/s | done/s | done/s 10–90 % | POST p50 | p90 | p99 | max "
                + "| task p50 | task p99 | wall | CPU | CPU ms/op | GC |\n");
        md.append("|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Phase p : phases) {
            md.append(String.format(Locale.ROOT,
                    "| %s | %,d | %,d | %s | %,.0f | **%,.0f** | %,.0f | %s | %s | %s | %s | %s | %s | %.1f s | %.0f %% / %.0f %% "
                            + "| %.1f | %d (%,d ms) |%n",
                    p.name(), p.requests(), p.accepted(), CreateStartBench.errors(p.errors()), p.acceptedPerSecond(),
                    p.donePerSecond(), p.steadyDonePerSecond(), ms(p.post().p(50)), ms(p.post().p(90)),
                    ms(p.post().p(99)), ms(p.post().max()), ms(p.taskLatency().p(50)), ms(p.taskLatency().p(99)),
                    p.wallSeconds(), p.cpuPercent(), p.otherCpuPercent(), cpuMillisPerOp(p), p.gcCount(), p.gcMillis()));
        }
        md.append("\n");
        for (Phase p : phases) {
            if (p.failed() > 0) {
                md.append(String.format("%s: %,d tasks FAILED: %s.%n%n", p.name(), p.failed(),
                        CreateStartBench.errors(p.failures())));
            }
        }
        md.append(String.format("%,d VMs RUNNING at the end.%n%n", running));

        md.append("| read (holding the VMs above) | requests | errors | p50 | p90 | p99 | max | req/s |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Read r : reads) {
            md.append(String.format(Locale.ROOT, "| `%s` (total %,d) | %,d | %d | %s | %s | %s | %s | %,.0f |%n",
                    r.path(), r.total(), r.requests(), r.errors(), ms(r.latency().p(50)), ms(r.latency().p(90)),
                    ms(r.latency().p(99)), ms(r.latency().max()), r.perSecond()));
        }
        md.append(String.format("%nReads from %d client%s, after 20 warm-up GETs.%n%n", o.readConcurrency(),
                o.readConcurrency() == 1 ? "" : "s"));

        Phase create = phases.stream().filter(p -> p.taskType().equals("vm.create")).findFirst().orElseThrow();
        Phase start = phases.stream().filter(p -> p.taskType().equals("vm.start")).findFirst().orElseThrow();
        md.append(String.format(Locale.ROOT, "Against vCenter 6.5's claimed ~%.0f operations/s (as quoted in the "
                        + "issue; a different system and workload, so only a rough scale): creations %.1f×, "
                        + "starts %.1f×. The aim of over %.0f creations/s is %s (%,.0f/s, %.2f× the aim).%n",
                VCENTER_OPS_PER_SECOND, create.donePerSecond() / VCENTER_OPS_PER_SECOND,
                start.donePerSecond() / VCENTER_OPS_PER_SECOND, AIM_CREATES_PER_SECOND,
                create.donePerSecond() > AIM_CREATES_PER_SECOND ? "**met**" : "**not met**",
                create.donePerSecond(), create.donePerSecond() / AIM_CREATES_PER_SECOND));
        return md.toString();
    }

    /** CPU time this JVM (manager and load generator together) spent per finished task of the phase. */
    static double cpuMillisPerOp(Phase p) {
        return p.succeeded() == 0 ? Double.NaN
                : p.cpuPercent() / 100 * Runtime.getRuntime().availableProcessors() * p.wallSeconds() * 1000
                        / p.succeeded();
    }

    /** The first three fields of /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return millis < 10 ? String.format(Locale.ROOT, "%.1f ms", millis)
                : String.format(Locale.ROOT, "%,.0f ms", millis);
    }

    /** Replaces the section keyed {@code key} in {@code file}, or appends it; creates the file with a header. */
    static void update(Path file, String key, String section) throws IOException {
        String begin = "<!-- BEGIN " + key + " -->";
        String end = "<!-- END " + key + " -->";
        String text = Files.exists(file) ? Files.readString(file) : HEADER;
        String block = begin + "\n" + section.strip() + "\n" + end;
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b >= 0 && e > b) {
            text = text.substring(0, b) + block + text.substring(e + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + block + "\n";
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
