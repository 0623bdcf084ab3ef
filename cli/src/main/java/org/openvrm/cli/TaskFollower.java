package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.openvrm.api.Task;

/** Follows tasks to their end by polling {@code GET /tasks/{id}}, showing progress as it goes. */
final class TaskFollower {

    private final ApiClient api;
    private final JsonCodec json;
    private final Progress progress;
    private final Duration interval;
    private final Parallel parallel;

    TaskFollower(ApiClient api, JsonCodec json, Progress progress, Duration interval, Parallel parallel) {
        this.api = api;
        this.json = json;
        this.progress = progress;
        this.interval = interval;
        this.parallel = parallel;
    }

    /** @return the tasks' final JSON, in the order given */
    List<JsonNode> follow(List<JsonNode> tasks) {
        List<JsonNode> current = new ArrayList<>(tasks);
        if (current.isEmpty()) {
            return current;
        }
        progress.update(parse(current));
        while (true) {
            List<Integer> open = IntStream.range(0, current.size())
                    .filter(i -> !Progress.done(task(current.get(i)))).boxed().toList();
            if (open.isEmpty()) {
                break;
            }
            sleep();
            List<JsonNode> fresh = parallel.map(open, i -> api.get(Kind.TASK.path(task(current.get(i)).id())));
            for (int k = 0; k < open.size(); k++) {
                current.set(open.get(k), fresh.get(k));
            }
            progress.update(parse(current));
        }
        progress.finish(parse(current));
        return current;
    }

    private Task task(JsonNode node) {
        return json.convert(node, Task.class);
    }

    private List<Task> parse(List<JsonNode> nodes) {
        return nodes.stream().map(this::task).toList();
    }

    private void sleep() {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException.Unreachable("interrupted while waiting for tasks", e);
        }
    }
}
