package org.openvrm.cli;

import org.openvrm.api.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "event", description = "Events: what happened, newest first.")
final class EventCommand extends NounCommand {

    EventCommand(Session session) {
        super(session);
    }

    @Command(name = "list", description = "List events.")
    int list(@Mixin ListOptions paging,
             @Option(names = "--severity", paramLabel = "SEVERITY", description = "INFO, WARNING or ERROR.")
             String severity,
             @Option(names = "--type", paramLabel = "TYPE", description = "'*' is a wildcard.") String type,
             @Option(names = "--target-id", paramLabel = "ID") String targetId,
             @Option(names = "--target-type", paramLabel = "TYPE", description = "e.g. vm, host.") String targetType,
             @Option(names = "--task", paramLabel = "ID", description = "Events of this task.") String task) {
        var filters = Filters.of("severity", severity, "type", type, "targetId", targetId, "targetType",
                targetType, "taskId", task);
        return reads().list(Kind.EVENT, filters, paging, Event.class, n -> Views.events());
    }
}
