package org.openvrm.manager.task;

/** What a running task tells its watchers. */
public interface TaskProgress {

    /** @param percent 0..100; lower values than already reported are ignored */
    void report(int percent);

    /** A short line on what the task is doing now. */
    void message(String message);

    /**
     * Records the task's success inside the caller's transaction, so the change a task makes and its end are one
     * commit; the runner then records nothing more. Only for the last step of a task.
     */
    void completeIn(org.jdbi.v3.core.Handle h, java.util.Map<String, Object> result);

    /** Maps a sub-step's own 0..100 onto the range [from, to] of the task. */
    default org.openvrm.driver.ProgressSink range(int from, int to) {
        return p -> report(from + (to - from) * Math.max(0, Math.min(100, p)) / 100);
    }
}
