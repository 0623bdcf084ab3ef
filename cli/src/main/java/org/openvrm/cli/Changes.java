package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.openvrm.api.Task;

/**
 * Runs the changes of one command: sends them concurrently (bounded), follows their tasks when asked, prints the
 * tasks (a table, or JSON) on stdout and every failure on stderr, and works out the exit code: that of the
 * first target, in argument order, that failed.
 */
final class Changes {

    private final Session session;

    Changes(Session session) {
        this.session = session;
    }

    /**
     * @param many whether the command acts on a list of targets: its JSON is then always an array, so scripts
     *     need not care how many matched
     */
    int run(List<Change> changes, boolean wait, boolean many) {
        List<Outcome> outcomes = submit(changes);
        return report(wait ? follow(outcomes) : outcomes, many);
    }

    List<Outcome> submit(List<Change> changes) {
        return session.parallel().map(changes, c -> {
            try {
                return new Outcome.Accepted(c.label(), c.submit().get());
            } catch (CliException e) {
                return new Outcome.Rejected(c.label(), e);
            }
        });
    }

    /** Waits for the accepted tasks; the outcomes come back with the tasks' final JSON. */
    List<Outcome> follow(List<Outcome> outcomes) {
        List<JsonNode> tasks = outcomes.stream()
                .filter(o -> o instanceof Outcome.Accepted).map(o -> ((Outcome.Accepted) o).task()).toList();
        List<JsonNode> done = session.follower().follow(tasks);
        List<Outcome> result = new ArrayList<>();
        int next = 0;
        for (Outcome o : outcomes) {
            result.add(switch (o) {
                case Outcome.Accepted a -> new Outcome.Accepted(a.label(), done.get(next++));
                case Outcome.Rejected r -> r;
            });
        }
        return result;
    }

    int report(List<Outcome> outcomes, boolean many) {
        List<JsonNode> tasks = new ArrayList<>();
        ExitCode exit = ExitCode.OK;
        for (Outcome o : outcomes) {
            ExitCode code = switch (o) {
                case Outcome.Accepted a -> {
                    tasks.add(a.task());
                    Task t = task(a.task());
                    if ("FAILED".equals(t.state())) {
                        session.printErrors(ErrorReport.lines(many ? a.label() : null, failure(t)));
                        yield ExitCode.FAILED;
                    }
                    yield ExitCode.OK;
                }
                case Outcome.Rejected r -> {
                    session.printErrors(ErrorReport.lines(many ? r.label() : null, r.error()));
                    yield ErrorReport.exitCode(r.error());
                }
            };
            if (exit == ExitCode.OK) {
                exit = code;
            }
        }
        print(tasks, many);
        return exit.code();
    }

    private void print(List<JsonNode> tasks, boolean many) {
        if (session.jsonOutput()) {
            if (many || tasks.size() != 1) {
                ArrayNode array = session.json().mapper().createArrayNode();
                tasks.forEach(array::add);
                session.printJson(array);
            } else {
                session.printJson(tasks.getFirst());
            }
        } else if (!tasks.isEmpty()) {
            session.out().print(Table.render(Views.tasks(), tasks.stream().map(this::task).toList()));
        }
    }

    static CliException.TaskFailed failure(Task t) {
        String why = t.error() != null && t.error().message() != null ? t.error().message()
                : t.message() != null ? t.message() : "no reason given";
        String code = t.error() == null ? null : t.error().code();
        return new CliException.TaskFailed("task " + t.id() + " (" + Progress.label(t) + ") failed: " + why
                + ErrorReport.tag(code, null));
    }

    private Task task(JsonNode node) {
        return session.json().convert(node, Task.class);
    }
}
