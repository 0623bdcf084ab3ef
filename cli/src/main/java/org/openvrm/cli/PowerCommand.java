package org.openvrm.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vrm vm start|shutdown|stop|reboot|suspend|resume|delete}: on the VMs named, or on every VM that matches
 * the filters with {@code --all}. The requests go out concurrently, {@value Session#PARALLELISM} at a time, and
 * each VM's outcome is reported.
 */
@Command(description = "Act on VMs.")
final class PowerCommand implements Callable<Integer> {

    private final Session session;
    private final PowerAction action;

    @Parameters(arity = "0..*", paramLabel = "VM", description = "Names or ids.")
    List<String> vms = List.of();

    @Option(names = "--all", description = "Every VM that matches the filters below (all VMs without filters).")
    boolean all;

    @Mixin
    VmFilters filters;

    @Mixin
    WaitOption wait;

    PowerCommand(Session session, PowerAction action) {
        this.session = session;
        this.action = action;
    }

    @Override
    public Integer call() {
        if (all == !vms.isEmpty()) {
            throw new CliException.Usage("name the VMs to " + action.verb() + ", or give --all (with filters)");
        }
        if (!all && filters.any()) {
            throw new CliException.Usage("the filters (--name, --state, --host, --cluster, --template) go with "
                    + "--all");
        }
        List<Change> changes;
        if (all) {
            var listing = session.lister().list(Kind.VM, filters.query(session.resolver()), null, 0);
            changes = listing.items().stream().map(vm -> new Change(vm.path("name").asText(),
                    () -> action.send(session.api(), vm.path("id").asText()))).toList();
            if (changes.isEmpty()) {
                session.err().println("no VMs match; nothing to " + action.verb());
            }
        } else {
            Resolver resolver = session.resolver();
            changes = vms.stream().map(vm -> new Change(vm,
                    () -> action.send(session.api(), resolver.id(Kind.VM, vm)))).toList();
        }
        return new Changes(session).run(changes, wait.wait, true);
    }
}
