package org.openvrm.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** The filters of {@code vm list} and of the bulk verbs' {@code --all}. */
final class VmFilters {

    @Option(names = "--name", paramLabel = "PATTERN", description = "VMs whose name matches; '*' is a wildcard.")
    String name;

    @Option(names = "--state", paramLabel = "STATE", description = "VMs in this state, e.g. RUNNING, STOPPED.")
    String state;

    @Option(names = "--host", paramLabel = "HOST", description = "VMs on this host (name or id).")
    String host;

    @Option(names = "--cluster", paramLabel = "CLUSTER", description = "VMs in this cluster (name or id).")
    String cluster;

    @Option(names = "--template", paramLabel = "TEMPLATE", description = "VMs made from this template.")
    String template;

    boolean any() {
        return name != null || state != null || host != null || cluster != null || template != null;
    }

    /** The API's query; host, cluster and template names become ids. */
    Map<String, String> query(Resolver resolver) {
        return Filters.of("name", name, "state", state,
                "hostId", resolver.idOrNull(Kind.HOST, host),
                "clusterId", resolver.idOrNull(Kind.CLUSTER, cluster),
                "templateId", resolver.idOrNull(Kind.TEMPLATE, template));
    }
}
