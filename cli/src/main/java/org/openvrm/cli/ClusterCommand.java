package org.openvrm.cli;

import java.util.List;
import org.openvrm.api.Cluster;
import org.openvrm.api.ClusterCreate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cluster", description = "Clusters: groups of hosts that VMs are placed across.")
final class ClusterCommand extends NounCommand {

    ClusterCommand(Session session) {
        super(session);
    }

    @Command(name = "list", description = "List clusters with their hosts, VMs and capacity used/usable.")
    int list(@Mixin ListOptions paging,
             @Option(names = "--name", paramLabel = "PATTERN", description = "'*' is a wildcard.") String name) {
        return reads().list(Kind.CLUSTER, Filters.of("name", name), paging, Cluster.class, n -> Views.clusters());
    }

    @Command(name = "get", description = "Show one cluster.")
    int get(@Parameters(paramLabel = "CLUSTER", description = "Name or id.") String cluster) {
        return reads().get(Kind.CLUSTER, cluster);
    }

    @Command(name = "create", description = "Create a cluster.")
    int create(@Option(names = "--name", paramLabel = "NAME", required = true, description = "Unique among its kind.")
               String name,
               @Option(names = "--description", paramLabel = "TEXT", description = "Free text.") String description,
               @Option(names = "--memory-overcommit", description = "Let its hosts overcommit memory.")
               boolean overcommit,
               @Mixin WaitOption wait) {
        return create(name, Kind.CLUSTER.path(), new ClusterCreate(name, description, overcommit ? true : null),
                wait);
    }

    @Command(name = "delete", description = "Delete empty clusters.")
    int delete(@Parameters(arity = "1..*", paramLabel = "CLUSTER", description = "Names or ids.")
               List<String> clusters,
               @Mixin WaitOption wait) {
        return delete(Kind.CLUSTER, clusters, wait);
    }
}
