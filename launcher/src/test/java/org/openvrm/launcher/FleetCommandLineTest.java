package org.openvrm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vrm fleet}'s refusals: nothing is started or written when the command line cannot work. */
class FleetCommandLineTest {

    @TempDir
    Path tmp;

    private int run(String... args) {
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream()));
            return new CommandLine(new FleetCommandLine()).execute(args);
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void tooFewTokensForUnregisteredAgentsExitsTwoAndStartsNone() throws Exception {
        Path tokens = Files.writeString(tmp.resolve("tokens"), "vrm1.a.b.c\n\n");
        int exit = run("--manager", "127.0.0.1:1", "--count", "3", "--tokens-file", tokens.toString(),
                "--data-dir", tmp.resolve("fleet").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(Files.exists(tmp.resolve("fleet/agent-0"))).isFalse();
    }

    @Test
    void aCountBelowOneExitsTwo() {
        assertThat(run("--manager", "127.0.0.1:1", "--count", "0", "--data-dir", tmp.resolve("f").toString()))
                .isEqualTo(2);
    }

    @Test
    void theManagerAndTheDataDirAreRequired() {
        assertThat(run("--count", "3")).isEqualTo(2); // picocli's usage error
    }
}
