package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.openvrm.api.Host;
import org.openvrm.api.HostTokenCreate;
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

    @Command(name = "token", description = {"Make a one-time bootstrap token for a host with its own agent.",
            "Shown once: give it to 'vrm agent --manager HOST:PORT --token T' on that host, which joins CLUSTER."})
    int token(@Option(names = "--cluster", required = true, paramLabel = "CLUSTER", description = "Name or id.")
              String cluster,
              @Option(names = "--name", paramLabel = "NAME", description = "The host's name (default: the agent "
                      + "proposes its own).") String name,
              @Option(names = "--ttl-seconds", paramLabel = "S", description = "How long the token is valid "
                      + "(60..604800, default 3600).") Long ttlSeconds) {
        String clusterId = session.resolver().id(Kind.CLUSTER, cluster);
        JsonNode t = session.api().post(Kind.HOST.path() + "/tokens", new HostTokenCreate(clusterId, name,
                ttlSeconds));
        if (session.jsonOutput()) {
            session.printJson(t);
        } else {
            session.out().println(t.path("token").asText());
            session.err().println("one-time token, valid until " + t.path("expiresAt").asText()
                    + "; on the new host: vrm agent --manager <this manager>:9443 --token <the token>");
        }
        return ExitCode.OK.code();
    }

    @Command(name = "remove", description = "Remove hosts that run no VMs.")
    int remove(@Parameters(arity = "1..*", paramLabel = "HOST", description = "Names or ids.") List<String> hosts,
               @Mixin WaitOption wait) {
        return delete(Kind.HOST, hosts, wait);
    }
}
