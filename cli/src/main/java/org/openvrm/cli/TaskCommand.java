package org.openvrm.cli;

import java.util.List;
import org.openvrm.api.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "task", description = "Tasks: every change the manager makes, with its progress and outcome.")
final class TaskCommand extends NounCommand {

    TaskCommand(Session session) {
        super(session);
    }

    @Command(name = "list", description = "List tasks, newest first.")
    int list(@Mixin ListOptions paging,
             @Option(names = "--state", paramLabel = "STATE", description = "QUEUED, RUNNING, SUCCEEDED or FAILED.")
             String state,
             @Option(names = "--type", paramLabel = "TYPE", description = "e.g. vm.create; '*' is a wildcard.")
             String type,
             @Option(names = "--target-id", paramLabel = "ID") String targetId,
             @Option(names = "--target-type", paramLabel = "TYPE", description = "e.g. vm, host.") String targetType) {
        var filters = Filters.of("state", state, "type", type, "targetId", targetId, "targetType", targetType);
        return reads().list(Kind.TASK, filters, paging, Task.class, n -> Views.tasks());
    }

    @Command(name = "get", description = "Show one task.")
    int get(@Parameters(paramLabel = "TASK", description = "The task's id.") String task) {
        return reads().show(session.api().get(Kind.TASK.path(task)));
    }

    @Command(name = "wait", description = "Follow tasks until done; exit 1 if one FAILED.")
    int await(@Parameters(arity = "1..*", paramLabel = "TASK", description = "Task ids.") List<String> tasks) {
        List<Change> fetches = tasks.stream().map(id -> new Change(id,
                () -> session.api().get(Kind.TASK.path(id)))).toList();
        return changes().run(fetches, true, true);
    }
}
