package org.openvrm.cli;

import java.util.List;
import org.openvrm.api.PortGroup;
import org.openvrm.api.PortGroupCreate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "portgroup", description = "Port groups: the networks VM NICs plug into, with VLAN and shaping.")
final class PortGroupCommand extends NounCommand {

    PortGroupCommand(Session session) {
        super(session);
    }

    @Command(name = "list", description = "List port groups with VLAN, bridge and shaping (average/peak Mbit/s).")
    int list(@Mixin ListOptions paging,
             @Option(names = "--name", paramLabel = "PATTERN", description = "'*' is a wildcard.") String name,
             @Option(names = "--bridge", paramLabel = "BRIDGE") String bridge) {
        return reads().list(Kind.PORTGROUP, Filters.of("name", name, "bridge", bridge), paging, PortGroup.class,
                n -> Views.portGroups());
    }

    @Command(name = "get", description = "Show one port group.")
    int get(@Parameters(paramLabel = "PORTGROUP", description = "Name or id.") String portGroup) {
        return reads().get(Kind.PORTGROUP, portGroup);
    }

    @Command(name = "create", description = "Create a port group.")
    int create(@Option(names = "--name", paramLabel = "NAME", required = true, description = "Unique among its kind.")
               String name,
               @Option(names = "--vlan", paramLabel = "ID", description = "VLAN 1-4094; untagged when left out.")
               Integer vlan,
               @Mixin ShapingOptions shaping,
               @Option(names = "--description", paramLabel = "TEXT", description = "Free text.") String description,
               @Mixin WaitOption wait) {
        return create(name, Kind.PORTGROUP.path(), new PortGroupCreate(name, vlan, shaping.qos(), description), wait);
    }

    @Command(name = "delete", description = "Delete port groups no NIC uses.")
    int delete(@Parameters(arity = "1..*", paramLabel = "PORTGROUP", description = "Names or ids.")
               List<String> portGroups,
               @Mixin WaitOption wait) {
        return delete(Kind.PORTGROUP, portGroups, wait);
    }
}
