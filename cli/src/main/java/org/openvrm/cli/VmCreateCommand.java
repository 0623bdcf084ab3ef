package org.openvrm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.openvrm.api.Task;
import org.openvrm.api.VmCreate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create", description = {"Create VMs.",
        "With --count N, creates NAME-1 .. NAME-N concurrently; with --start, starts each once it is created.",
        "Left-out options come from --template, else the manager's defaults."})
final class VmCreateCommand implements Callable<Integer> {

    static final int MAX_COUNT = 1000;

    private final Session session;

    @Option(names = "--name", paramLabel = "NAME", required = true,
            description = "The VM's name, or the prefix with --count.")
    String name;

    @Option(names = "--description", paramLabel = "TEXT", description = "Free text.")
    String description;

    @Option(names = "--template", paramLabel = "TEMPLATE", description = "Name or id.")
    String template;

    @Option(names = "--cluster", paramLabel = "CLUSTER", description = "Name or id; default: the host's, or the "
            + "only cluster.")
    String cluster;

    @Option(names = "--host", paramLabel = "HOST", description = "Place on this host (name or id) instead of "
            + "letting placement choose.")
    String host;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many VMs (default 1).")
    int count;

    @Option(names = "--start", description = "Start the VMs once created.")
    boolean start;

    @Mixin
    ShapeOptions shapeOptions;

    @Mixin
    WaitOption wait;

    VmCreateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (count < 1 || count > MAX_COUNT) {
            throw new CliException.Usage("--count must be from 1 to " + MAX_COUNT + ", got " + count);
        }
        Resolver resolver = session.resolver();
        ShapeOptions.Shape s = shapeOptions.shape(resolver);
        String templateId = resolver.idOrNull(Kind.TEMPLATE, template);
        String clusterId = resolver.idOrNull(Kind.CLUSTER, cluster);
        String hostId = resolver.idOrNull(Kind.HOST, host);
        List<Change> creates = names(name, count).stream().map(n -> new Change(n, () -> session.api().post(
                Kind.VM.path(), new VmCreate(n, description, clusterId, hostId, templateId, s.vcpus(), s.maxVcpus(),
                        s.memoryMb(), s.disks(), s.nics(), s.bootOrder(), s.cpuQos(), s.memoryQos())))).toList();
        Changes changes = new Changes(session);
        boolean many = count > 1;
        if (!start) {
            return changes.run(creates, wait.wait, many);
        }
        // a VM can only be started once it exists: wait for the creates, then start those that succeeded
        List<Outcome> created = changes.follow(changes.submit(creates));
        List<Change> starts = new ArrayList<>();
        for (Outcome o : created) {
            if (o instanceof Outcome.Accepted a) {
                Task t = session.json().convert(a.task(), Task.class);
                if ("SUCCEEDED".equals(t.state())) {
                    starts.add(new Change(a.label(), () -> PowerAction.START.send(session.api(), t.targetId())));
                }
            }
        }
        List<Outcome> started = changes.submit(starts);
        List<Outcome> all = new ArrayList<>(created);
        all.addAll(wait.wait ? changes.follow(started) : started);
        return changes.report(all, true);
    }

    /** NAME alone, or NAME-1 .. NAME-N. */
    static List<String> names(String name, int count) {
        return count == 1 ? List.of(name) : IntStream.rangeClosed(1, count).mapToObj(i -> name + "-" + i).toList();
    }
}
