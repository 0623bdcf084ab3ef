package org.openvrm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openvrm.api.HostAdd;
import org.openvrm.api.SimHostSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "add", description = {"Add a host to a cluster.",
        "A simulated host (--sim) runs inside the manager, with the hardware given here."})
final class HostAddCommand implements Callable<Integer> {

    private final Session session;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "Unique among its kind.")
    String name;

    @Option(names = "--cluster", required = true, paramLabel = "CLUSTER", description = "Name or id.")
    String cluster;

    @Option(names = "--sim", description = "A simulated host (the only kind the CLI adds so far).")
    boolean sim;

    @Option(names = "--sockets", paramLabel = "N", description = "CPU sockets (default 1).")
    Integer sockets;

    @Option(names = "--cores", paramLabel = "N", description = "Cores per socket.")
    Integer cores;

    @Option(names = "--threads", paramLabel = "N", description = "Threads per core (default 1).")
    Integer threads;

    @Option(names = "--mhz", paramLabel = "MHZ", description = "Core clock in MHz.")
    Integer mhz;

    @Option(names = "--memory-gb", paramLabel = "GB", description = "Memory in GB.")
    String memoryGb;

    @Option(names = "--memory-mb", paramLabel = "MB", description = "Memory in MB.")
    Long memoryMb;

    @Option(names = "--step-delay-ms", paramLabel = "MS", description = "How long each simulated VM step takes.")
    Long stepDelayMs;

    @Mixin
    WaitOption wait;

    HostAddCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (!sim) {
            throw new CliException.Usage("give --sim: simulated hosts are the only kind the CLI adds so far");
        }
        Long memory = Units.memoryMb("--memory-mb", memoryMb, "--memory-gb", memoryGb);
        List<String> missing = new ArrayList<>();
        if (cores == null) {
            missing.add("--cores");
        }
        if (mhz == null) {
            missing.add("--mhz");
        }
        if (memory == null) {
            missing.add("--memory-gb (or --memory-mb)");
        }
        if (!missing.isEmpty()) {
            throw new CliException.Usage("a simulated host needs " + String.join(", ", missing));
        }
        String clusterId = session.resolver().id(Kind.CLUSTER, cluster);
        var body = new HostAdd(name, clusterId, "sim",
                new SimHostSpec(sockets, cores, threads, mhz, memory, stepDelayMs));
        return new Changes(session).run(List.of(new Change(name,
                () -> session.api().post(Kind.HOST.path(), body))), wait.wait, false);
    }
}
