package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvrm.api.Task;

class ProgressTest {

    private static Task task(String id, String state, int progress, String message) {
        return new Task(id, "vm.create", "vm", "vm-" + id, "web-" + id, state, progress, message, null, Map.of(), 1,
                null, null, null);
    }

    @Test
    void barForOneTask() {
        // 50% of 24 cells = 12 filled
        assertThat(Progress.Bar.render(List.of(task("1", "RUNNING", 50, "defining"))))
                .isEqualTo("[############............]  50%  vm.create web-1: RUNNING defining");
    }

    @Test
    void barForSeveralTasksAveragesAndCounts() {
        // (100 + 100 + 40 + 0) / 4 = 60% -> 14 of 24 cells (14.4 rounded down)
        var tasks = List.of(task("1", "SUCCEEDED", 100, null), task("2", "FAILED", 30, "no room"),
                task("3", "RUNNING", 40, null), task("4", "QUEUED", 0, null));
        assertThat(Progress.Bar.render(tasks)).isEqualTo("[##############..........]  60%  2/4 done, 1 failed");
    }

    @Test
    void plainLinesOnlyWhenStateOrMessageChanges() {
        var bytes = new ByteArrayOutputStream();
        var lines = new Progress.Lines(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        lines.update(List.of(task("1", "QUEUED", 0, null)));
        lines.update(List.of(task("1", "QUEUED", 0, null)));
        lines.update(List.of(task("1", "RUNNING", 10, "placing")));
        lines.update(List.of(task("1", "RUNNING", 20, "placing")));
        lines.finish(List.of(task("1", "SUCCEEDED", 100, "done")));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                vm.create web-1 (1): QUEUED 0%
                vm.create web-1 (1): RUNNING 10% placing
                vm.create web-1 (1): SUCCEEDED 100% done
                """);
    }
}
