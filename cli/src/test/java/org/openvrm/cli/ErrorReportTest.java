package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvrm.api.Problem;

class ErrorReportTest {

    @ParameterizedTest(name = "HTTP {0} -> exit {1}")
    @CsvSource({"400, 2", "404, 3", "409, 4", "422, 4", "500, 6", "502, 6", "503, 6", "405, 6", "413, 6"})
    void statusToExitCode(int status, int exit) {
        assertThat(ExitCode.forStatus(status).code()).isEqualTo(exit);
        assertThat(ErrorReport.exitCode(new CliException.Api(status, problem(status, "X", null))).code())
                .isEqualTo(exit);
    }

    @Test
    void everyKindOfErrorHasItsExitCode() {
        assertThat(ErrorReport.exitCode(new CliException.Usage("u"))).isEqualTo(ExitCode.USAGE);
        assertThat(ErrorReport.exitCode(new CliException.NotFound("n"))).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(ErrorReport.exitCode(new CliException.Unreachable("r", null))).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(ErrorReport.exitCode(new CliException.TaskFailed("t"))).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void exitCodesAreTheDocumentedNumbers() {
        assertThat(List.of(ExitCode.values()).stream().map(ExitCode::code).toList())
                .containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(String.format(ExitCode.footer())).contains("Exit codes:", "  5  cannot reach the manager",
                "  4  conflict (409) or unprocessable (422)");
    }

    @Test
    void problemWithCodeFieldAndReasons() {
        var p = new Problem("about:blank", "Unprocessable Content", 422, "NO_HOST_FITS",
                "no host can run VM big (64 vCPUs, 512 GB)", "vcpus", null,
                List.of("esx-01: 32 logical CPUs < 64 vCPUs", "esx-02: disconnected"));
        assertThat(ErrorReport.lines(null, new CliException.Api(422, p))).containsExactly(
                "error: no host can run VM big (64 vCPUs, 512 GB) [code NO_HOST_FITS, field vcpus]",
                "  esx-01: 32 logical CPUs < 64 vCPUs",
                "  esx-02: disconnected");
    }

    @Test
    void everyOtherFieldErrorUnderTheHeadline() {
        var p = new Problem(null, null, 400, "FIELD_REQUIRED", "name is required", "name",
                List.of(new Problem.FieldError("name", "FIELD_REQUIRED", "name is required"),
                        new Problem.FieldError("memoryMb", "VALUE_OUT_OF_RANGE", "memoryMb must be at least 16")),
                null);
        // the first error is the headline, not repeated under it
        assertThat(ErrorReport.lines("web-1", new CliException.Api(400, p))).containsExactly(
                "error: web-1: name is required [code FIELD_REQUIRED, field name]",
                "  memoryMb must be at least 16 [code VALUE_OUT_OF_RANGE, field memoryMb]");
    }

    @Test
    void tagLeavesOutWhatIsAbsent() {
        assertThat(ErrorReport.tag(null, null)).isEmpty();
        assertThat(ErrorReport.tag("NOT_FOUND", null)).isEqualTo(" [code NOT_FOUND]");
        assertThat(ErrorReport.tag(null, "id")).isEqualTo(" [field id]");
        assertThat(ErrorReport.lines(null, new CliException.NotFound("no VM named or with id 'x'")))
                .containsExactly("error: no VM named or with id 'x'");
    }

    private static Problem problem(int status, String code, String field) {
        return new Problem(null, null, status, code, "detail", field, null, null);
    }
}
