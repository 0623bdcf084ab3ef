package org.openvrm.cli;

import org.openvrm.api.Vm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vrm vm}: list and get here; create and the power verbs are their own classes, wired in {@link VrmCli}. */
@Command(name = "vm", description = "Virtual machines.")
final class VmCommand extends NounCommand {

    VmCommand(Session session) {
        super(session);
    }

    @Command(name = "list", description = "List VMs with state, host and size.")
    int list(@Mixin ListOptions paging, @Mixin VmFilters filters) {
        return reads().list(Kind.VM, filters.query(session.resolver()), paging, Vm.class, n -> Views.vms(n::of));
    }

    @Command(name = "get", description = "Show one VM: shape, QoS, disks and NICs.")
    int get(@Parameters(paramLabel = "VM", description = "Name or id.") String vm) {
        return reads().get(Kind.VM, vm);
    }
}
