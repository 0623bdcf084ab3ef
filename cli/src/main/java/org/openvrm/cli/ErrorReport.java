package org.openvrm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openvrm.api.Problem;

/**
 * How an error looks on stderr: {@code error: <detail> [code CODE, field FIELD]}, then the field errors and the
 * reasons (e.g. why each host was rejected), one per line. Never a stack trace: that is for {@code VRM_DEBUG}.
 */
final class ErrorReport {

    private ErrorReport() {}

    static ExitCode exitCode(CliException e) {
        return switch (e) {
            case CliException.Usage u -> ExitCode.USAGE;
            case CliException.NotFound n -> ExitCode.NOT_FOUND;
            case CliException.Api a -> ExitCode.forStatus(a.status());
            case CliException.Unreachable u -> ExitCode.UNREACHABLE;
            case CliException.TaskFailed t -> ExitCode.FAILED;
        };
    }

    /** @param subject what the error is about when a command acts on several things (a VM's name), else null */
    static List<String> lines(String subject, CliException e) {
        String prefix = "error: " + (subject == null ? "" : subject + ": ");
        List<String> lines = new ArrayList<>();
        switch (e) {
            case CliException.Api a -> {
                Problem p = a.problem();
                lines.add(prefix + p.detail() + tag(p.code(), p.field()));
                // the first field error is the headline already; list the others under it
                p.errors().stream()
                        .filter(f -> !(Objects.equals(f.message(), p.detail()) && Objects.equals(f.field(), p.field())))
                        .forEach(f -> lines.add("  " + f.message() + tag(f.code(), f.field())));
                p.reasons().forEach(r -> lines.add("  " + r));
            }
            case CliException.TaskFailed t -> lines.add(prefix + t.getMessage());
            case CliException.Usage u -> lines.add(prefix + u.getMessage());
            case CliException.NotFound n -> lines.add(prefix + n.getMessage());
            case CliException.Unreachable u -> lines.add(prefix + u.getMessage());
        }
        return lines;
    }

    /** {@code " [code X, field Y]"}, leaving out what is absent. */
    static String tag(String code, String field) {
        List<String> parts = new ArrayList<>();
        if (code != null && !code.isBlank()) {
            parts.add("code " + code);
        }
        if (field != null && !field.isBlank()) {
            parts.add("field " + field);
        }
        return parts.isEmpty() ? "" : " [" + String.join(", ", parts) + "]";
    }
}
