package org.openvrm.manager.task;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Raised when the manager begins to stop. A task step that fails because of the stop (its host's agent was closed
 * under it) must record nothing: the task stays RUNNING in the store and resumes on the next start, exactly as
 * after a crash.
 */
public final class StopSignal {

    private final AtomicBoolean stopping = new AtomicBoolean();

    public void stop() {
        stopping.set(true);
    }

    public boolean stopping() {
        return stopping.get();
    }

    /** Throws when stopping, so the caller writes nothing more. */
    public void checkpoint() {
        if (stopping()) {
            throw new Stopping();
        }
    }

    /** Unwinds a task without recording an outcome. */
    public static final class Stopping extends RuntimeException {
        Stopping() {
            super("the manager is stopping", null, false, false);
        }
    }
}
