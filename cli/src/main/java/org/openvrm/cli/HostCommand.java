package org.openvrm.cli;

import java.util.List;
import org.openvrm.api.Host;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "host", description = "Hosts: the servers VMs run on.")
final class HostCommand extends NounCommand {

    HostCommand(Session session) {
        super(session);
    }

    @Command(name = "list", description = "List hosts with CPU (MHz) and memory (GB) used/usable and VMs.")
    int list(@Mixin ListOptions paging,
             @Option(names = "--name", paramLabel = "PATTERN", description = "'*' is a wildcard.") String name,
             @Option(names = "--state", paramLabel = "STATE", description = "e.g. CONNECTED.") String state,
             @Option(names = "--cluster", paramLabel = "CLUSTER", description = "Name or id.") String cluster,
             @Option(names = "--driver", paramLabel = "DRIVER", description = "e.g. sim.") String driver) {
        var filters = Filters.of("name", name, "state", state,
                "clusterId", session.resolver().idOrNull(Kind.CLUSTER, cluster), "driver", driver);
        return reads().list(Kind.HOST, filters, paging, Host.class, n -> Views.hosts(n::of));
    }

    @Command(name = "get", description = "Show one host, its hardware and capacity.")
    int get(@Parameters(paramLabel = "HOST", description = "Name or id.") String host) {
        return reads().get(Kind.HOST, host);
    }

    @Command(name = "remove", description = "Remove hosts that run no VMs.")
    int remove(@Parameters(arity = "1..*", paramLabel = "HOST", description = "Names or ids.") List<String> hosts,
               @Mixin WaitOption wait) {
        return delete(Kind.HOST, hosts, wait);
    }
}
