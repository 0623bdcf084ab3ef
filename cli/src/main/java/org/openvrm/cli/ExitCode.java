package org.openvrm.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The exit codes scripts can rely on. They are part of the CLI's contract: the help footer and README list them
 * from here, so the documentation cannot drift from the code.
 */
public enum ExitCode {
    OK(0, "ok"),
    FAILED(1, "the operation failed: a task ended FAILED"),
    USAGE(2, "usage error: bad flags or values (also a 400), or an ambiguous name"),
    NOT_FOUND(3, "not found (404, or nothing by that name or id)"),
    CONFLICT(4, "conflict (409) or unprocessable (422): name taken, no host fits..."),
    UNREACHABLE(5, "cannot reach the manager"),
    SERVER_ERROR(6, "other server error (5xx or an unexpected answer)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit code for an HTTP error status from the manager. */
    public static ExitCode forStatus(int status) {
        return switch (status) {
            case 400 -> USAGE;
            case 404 -> NOT_FOUND;
            case 409, 422 -> CONFLICT;
            default -> SERVER_ERROR;
        };
    }

    /** The help footer: one line per code. */
    static String footer() {
        return "%nExit codes:%n" + Arrays.stream(values())
                .map(e -> "  " + e.code + "  " + e.meaning.replace("%", "%%"))
                .collect(Collectors.joining("%n")) + "%n";
    }
}
