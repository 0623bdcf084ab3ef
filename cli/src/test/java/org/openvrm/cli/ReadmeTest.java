package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's exit-code table is a contract with scripts: it must say what the code does. */
class ReadmeTest {

    @Test
    void readmeListsEveryExitCodeAsTheCodeDefinesIt() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (ExitCode code : ExitCode.values()) {
            assertThat(readme).contains("| " + code.code() + " | " + code.meaning().replace("|", "\\|") + " |");
        }
    }
}
