package org.openvrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

    @TempDir
    Path dir;

    @Test
    void createsTheFileThenReplacesOnlyItsOwnSection() throws Exception {
        Path file = dir.resolve("docs/benchmarks.md");
        Results.update(file, "a", "first A");
        Results.update(file, "b", "first B");
        Files.writeString(file, Files.readString(file) + "\nnotes kept by hand\n");
        Results.update(file, "a", "second A");

        String text = Files.readString(file);
        assertThat(text).startsWith("# Benchmarks").contains("second A", "first B", "notes kept by hand")
                .doesNotContain("first A");
        assertThat(text.indexOf("second A")).isLessThan(text.indexOf("first B"));
    }

    @Test
    void optionsRefuseMoreVmsThanTheHostsHold() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Options.parse(new String[] {"--hosts", "1",
                "--vms", "101"})).hasMessageContaining("at most 100");
        assertThat(Options.parse(new String[] {"--vms", "50", "--hosts", "1"}).sectionKey())
                .isEqualTo("create-start hosts=1 vms=50 clients=32 store=embedded");
    }
}
