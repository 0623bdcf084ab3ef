package org.openvrm.manager.task;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.openvrm.api.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs background tasks, each on its own virtual thread (tasks mostly wait on hosts), and resumes the ones a
 * previous manager left unfinished.
 */
public final class TaskRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final TaskService tasks;
    private final Function<TaskType, TaskHandler> handlers;
    private final int maxAttempts;
    private final StopSignal stop;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("task-", 0).factory());

    /**
     * @param handlers the handler of each background task type
     * @param maxAttempts how many manager lifetimes a task may span before it is given up: a task that keeps
     *     coinciding with crashes must not resume forever
     */
    public TaskRunner(TaskService tasks, Function<TaskType, TaskHandler> handlers, int maxAttempts, StopSignal stop) {
        this.tasks = tasks;
        this.stop = stop;
        this.handlers = handlers;
        this.maxAttempts = maxAttempts;
    }

    /** Starts a recorded task; call after the transaction that recorded it has committed. */
    public void submit(Task task) {
        if (!TaskType.fromWire(task.type()).async()) {
            return;
        }
        executor.execute(() -> run(task, false, null));
    }

    /** Resumes or fails every task a previous manager left unfinished. Returns how many resumed. */
    public int resumeUnfinished() {
        int resumed = 0;
        for (Task t : tasks.unfinished()) {
            if (t.attempts() >= maxAttempts) {
                tasks.fail(t.id(), "TASK_ABANDONED", "the manager stopped " + t.attempts()
                        + " times while this task ran; giving up. The target's state was reconciled with its host.");
                continue;
            }
            String note = t.attempts() == 0 ? null : "resumed after a manager restart (attempt " + (t.attempts() + 1)
                    + " of " + maxAttempts + ")";
            executor.execute(() -> run(t, true, note));
            resumed++;
        }
        return resumed;
    }

    /** @param resumed a task from an earlier manager: its new attempt is counted first */
    private void run(Task task, boolean resumed, String note) {
        if (resumed) {
            tasks.markRunning(task.id(), note);
        }
        var progress = new Progress(task.id());
        try {
            Map<String, Object> result = handlers.apply(TaskType.fromWire(task.type())).run(task, progress);
            if (!progress.completed) {
                tasks.succeed(task.id(), result);
            }
        } catch (RuntimeException e) {
            if (stop.stopping()) {
                LOG.debug("task {} left to resume after the restart", task.id());
            } else if (e instanceof TaskFailure f) {
                tasks.fail(task.id(), f.code(), f.getMessage());
            } else {
                LOG.error("task {} ({}) failed unexpectedly", task.id(), task.type(), e);
                tasks.fail(task.id(), "INTERNAL_ERROR", "unexpected error: " + e);
            }
        }
    }

    /**
     * Waits briefly for running tasks to unwind. Threads are not interrupted: an interrupt in the middle of a store
     * write can close an embedded database's file. The caller raised the stop signal and closed the agents first,
     * so running steps end quickly and record nothing.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Keeps the highest percentage and stores it at most every {@link #PROGRESS_INTERVAL_NANOS}: a step that
     * finishes in milliseconds costs no store write, while a slow one still shows its progress.
     */
    private final class Progress implements TaskProgress {
        private final String taskId;
        private final AtomicInteger last = new AtomicInteger();
        private final AtomicLong nextWrite = new AtomicLong(System.nanoTime() + PROGRESS_INTERVAL_NANOS);
        private volatile boolean completed;

        Progress(String taskId) {
            this.taskId = taskId;
        }

        @Override
        public void completeIn(org.jdbi.v3.core.Handle h, Map<String, Object> result) {
            tasks.succeed(h, taskId, result);
            completed = true;
        }

        @Override
        public void report(int percent) {
            int p = Math.max(0, Math.min(99, percent)); // 100 only when the task is done
            if (last.getAndAccumulate(p, Math::max) < p) {
                long now = System.nanoTime();
                long due = nextWrite.get();
                if (now - due >= 0 && nextWrite.compareAndSet(due, now + PROGRESS_INTERVAL_NANOS)) {
                    tasks.progress(taskId, last.get(), null);
                }
            }
        }

        @Override
        public void message(String message) {
            tasks.progress(taskId, last.get(), message);
        }
    }
}
