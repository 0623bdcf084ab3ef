package org.openvrm.manager.task;

import static java.util.Objects.requireNonNull;

/** Ends a task as FAILED with a stable code and a message for the operator. */
public final class TaskFailure extends RuntimeException {

    private final String code;

    public TaskFailure(String code, String message) {
        super(message);
        this.code = requireNonNull(code, "code is null");
    }

    public String code() {
        return code;
    }
}
