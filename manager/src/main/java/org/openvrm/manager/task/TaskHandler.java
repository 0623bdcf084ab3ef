package org.openvrm.manager.task;

import java.util.Map;
import org.openvrm.api.Task;

/**
 * Does the work of one kind of task. It must be safe to run again from the start after a manager restart
 * (every step is idempotent on its target state), because that is how an interrupted task resumes.
 */
@FunctionalInterface
public interface TaskHandler {

    /** @return the task's result; throws {@link TaskFailure} to fail it with a stable code */
    Map<String, Object> run(Task task, TaskProgress progress);
}
