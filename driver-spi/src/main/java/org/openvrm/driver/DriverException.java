package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

/** A driver call that could not reach its target state. */
public final class DriverException extends RuntimeException {

    /** Closed set of reasons; the manager maps each to a stable task error code. */
    public enum Reason {
        /** No such domain. */
        NOT_FOUND,
        /** The domain is in a state that does not allow the call (e.g. undefine while running). */
        INVALID_STATE,
        /** The host lacks memory, disk space or another resource. */
        RESOURCE_EXHAUSTED,
        /** A referenced image, datastore or network does not exist or cannot be made. */
        BAD_REFERENCE,
        /** The hypervisor cannot be reached. */
        UNAVAILABLE,
        /** The step did not finish in time (e.g. a guest ignoring shutdown). */
        TIMEOUT,
        /** Anything else the hypervisor reported. */
        FAILED
    }

    private final Reason reason;

    public DriverException(Reason reason, String message) {
        super(message);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public DriverException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Reason reason() {
        return reason;
    }
}
