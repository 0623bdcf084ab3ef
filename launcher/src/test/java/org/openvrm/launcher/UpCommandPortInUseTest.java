package org.openvrm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.cli.VrmCli;

/** {@code vrm up} on a port another process holds: one line naming the address, exit 2, no stack trace. */
class UpCommandPortInUseTest {

    @TempDir
    Path tmp;

    private record Outcome(int code, String err) {
    }

    private Outcome up(String... args) {
        var err = new ByteArrayOutputStream();
        var cli = VrmCli.commandLine(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        cli.addSubcommand("up", new UpCommand());
        int code = cli.execute(args);
        return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAgentPortInUseIsSaidInOneLine() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var o = up("up", "--data-dir", tmp.toString(), "--port", "0", "--no-local-host",
                    "--agent-listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(o.code()).as(o.err()).isEqualTo(2);
            assertThat(o.err()).contains("cannot listen for agents", Integer.toString(taken.getLocalPort()),
                    "another vrm up").doesNotContain("unexpectedly", "\tat ");
        }
    }

    @Test
    void anApiPortInUseIsSaidInOneLine() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var o = up("up", "--data-dir", tmp.toString(), "--port", Integer.toString(taken.getLocalPort()),
                    "--no-local-host", "--agent-listen", "127.0.0.1:0");
            assertThat(o.code()).as(o.err()).isEqualTo(2);
            assertThat(o.err()).contains(Integer.toString(taken.getLocalPort()), "another vrm up")
                    .doesNotContain("unexpectedly", "\tat ");
        }
    }
}
