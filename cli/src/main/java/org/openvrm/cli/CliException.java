package org.openvrm.cli;

import org.openvrm.api.Problem;

/**
 * Every error the CLI reports, a closed set: {@link ErrorReport} turns each into its message lines and exit code
 * with one exhaustive switch, so a new kind of error cannot be added without deciding how it is shown.
 */
public sealed abstract class CliException extends RuntimeException {

    private CliException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** Bad flags or values caught before anything was sent, or a name that matches several resources. */
    public static final class Usage extends CliException {
        public Usage(String message) {
            super(message, null);
        }
    }

    /** Nothing matches a name or id the user gave. */
    public static final class NotFound extends CliException {
        public NotFound(String message) {
            super(message, null);
        }
    }

    /** The manager answered with an error status and (usually) problem JSON. */
    public static final class Api extends CliException {
        private final int status;
        private final Problem problem;

        public Api(int status, Problem problem) {
            super(problem.detail(), null);
            this.status = status;
            this.problem = problem;
        }

        public int status() {
            return status;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** The manager could not be reached, or the connection broke mid-request. */
    public static final class Unreachable extends CliException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A task the CLI followed ended FAILED. */
    public static final class TaskFailed extends CliException {
        public TaskFailed(String message) {
            super(message, null);
        }
    }
}
