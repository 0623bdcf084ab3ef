package org.openvrm.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The docs/benchmarks.md section of one {@link FleetBench} run. */
final class FleetReport {

    /** Everything a run measured besides the read latencies. */
    record Numbers(double connectSeconds, FleetBench.Phase create, FleetBench.Phase start, double setupCpuSeconds,
                   long running, double holdSeconds, double holdCpuPercent, long heapAfterGcMb, long rssMb,
                   long maxRssMb, long connectedAfter, long runningAfter) {
    }

    private FleetReport() {
    }

    static String markdown(FleetOptions o, Instant started, Numbers n, List<FleetBench.Read> reads,
                           String machine) {
        var s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "### fleet: %,d hosts, %,d VMs, store %s%n%n", o.hosts(), o.vms(),
                o.store()));
        s.append("Command: `").append(o.command() == null ? "bench/run-fleet" : o.command()).append("`  \n");
        s.append("Started ").append(started).append("; manager -Xmx").append(o.managerHeap()).append(", ")
                .append(fleets(o)).append(" -Xmx")
                .append(o.fleetHeap()).append(", heartbeats every 10 s, load average at the end ")
                .append(Results.loadAverage()).append(".\n\n");
        s.append("| setup | value |\n|---|---|\n");
        s.append(String.format(Locale.ROOT, "| all %,d hosts CONNECTED (registration + first session) | %.0f s |%n",
                o.hosts(), n.connectSeconds()));
        for (FleetBench.Phase p : List.of(n.create(), n.start())) {
            s.append(String.format(Locale.ROOT, "| %s: %,d accepted, %,d succeeded | %.0f s (%.0f /s) |%n", p.name(),
                    p.accepted(), p.succeeded(), p.seconds(), p.succeeded() / p.seconds()));
        }
        s.append(String.format(Locale.ROOT, "| manager CPU for create + start | %.0f s |%n", n.setupCpuSeconds()));
        s.append(String.format(Locale.ROOT, "| VMs RUNNING before the hold | %,d |%n%n", n.running()));
        s.append(String.format(Locale.ROOT, "| hold (%.0f s) | value |%n|---|---|%n", n.holdSeconds()));
        s.append(String.format(Locale.ROOT, "| manager CPU | %.1f %% of one core (%.1f %% of the machine) |%n",
                n.holdCpuPercent(), n.holdCpuPercent() / Runtime.getRuntime().availableProcessors()));
        s.append(String.format(Locale.ROOT, "| manager heap used after a full GC (jcmd GC.run; GC.heap_info) | %,d MB |%n",
                n.heapAfterGcMb()));
        s.append(String.format(Locale.ROOT, "| manager RSS at the end / max seen | %,d MB / %,d MB |%n", n.rssMb(),
                n.maxRssMb()));
        s.append(String.format(Locale.ROOT, "| hosts CONNECTED / VMs RUNNING at the end | %,d / %,d |%n%n",
                n.connectedAfter(), n.runningAfter()));
        s.append("| read during the hold (one client, 20 ms apart) | n | p50 | p90 | p99 | max |\n");
        s.append("|---|---|---|---|---|---|\n");
        for (FleetBench.Read r : reads) {
            var sum = r.latencies().summary();
            s.append(String.format(Locale.ROOT, "| `%s` | %,d | %s | %s | %s | %s |%n", r.label(), sum.count(),
                    ms(sum.p(50)), ms(sum.p(90)), ms(sum.p(99)), ms(sum.max())));
        }
        if (!machine.isBlank()) {
            s.append("\n<details><summary>machine</summary>\n\n```\n").append(machine.strip())
                    .append("\n```\n</details>\n");
        }
        return s.toString();
    }

    private static String fleets(FleetOptions o) {
        int n = o.fleetSizes().size();
        return n == 1 ? "1 fleet process" : n + " fleet processes";
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, millis < 10 ? "%.1f ms" : "%,.0f ms", millis);
    }
}
