package org.openvrm.cli;

import java.util.List;
import org.openvrm.api.NetworkQos;
import org.openvrm.api.PortGroupQosUpdate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vrm portgroup qos}: a port group's shaping, applied to every NIC on it that has none of its own. */
@Command(name = "qos", description = "A port group's shaping (Mbit/s, KB).")
final class PortGroupQosCommand extends NounCommand {

    PortGroupQosCommand(Session session) {
        super(session);
    }

    @Command(name = "set", description = {"Set a port group's shaping: the options given are its whole new shaping. "
            + "Every NIC on it without its own shaping is tuned at once, on every host; the task names the VMs it "
            + "could not reach (they converge at their next start or when their host reconnects).",
            "e.g. vrm portgroup qos set prod --in-avg 100 --out-avg 100 --out-peak 200 --wait"})
    int set(@Parameters(paramLabel = "PORTGROUP", description = "Name or id.") String portGroup,
            @Mixin ShapingOptions shaping,
            @Option(names = "--none", description = "Remove the shaping.") boolean none,
            @Mixin WaitOption wait) {
        NetworkQos qos = shaping.qos();
        if (none == (qos != null)) {
            // exactly one of them: no option at all would silently remove the shaping
            throw new CliException.Usage(none ? "--none cannot be combined with shaping options"
                    : "give shaping options (e.g. --in-avg 100) or --none");
        }
        var change = new Change(portGroup, () -> session.api().put(
                Kind.PORTGROUP.path(session.resolver().id(Kind.PORTGROUP, portGroup)) + "/qos",
                new PortGroupQosUpdate(none ? new NetworkQos(null, null) : qos)));
        return changes().run(List.of(change), wait.wait, false);
    }
}
