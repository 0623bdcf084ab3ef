package org.openvrm.launcher.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fixture alone: a host reaches the bridge, a cut one does not, a restored one does; close leaves nothing. */
class NetworkLabTest {

    @Test
    void hostsReachTheBridgeUntilCutAndCloseRemovesEverything() throws Exception {
        String suffix;
        try (NetworkLab lab = NetworkLab.create(2);
             ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(lab.bridgeAddress()))) {
            suffix = lab.suffix();
            assertThat(run(List.of("ip", "netns", "list"))).contains(lab.namespace(1), lab.namespace(2));
            assertThat(lab.address(1)).isNotEqualTo(lab.address(2)).startsWith(lab.bridgeAddress()
                    .substring(0, lab.bridgeAddress().lastIndexOf('.') + 1));

            assertThat(connects(lab, 1, server)).as("host 1 reaches the bridge").isZero();
            assertThat(connects(lab, 2, server)).as("host 2 reaches the bridge").isZero();
            lab.cut(2);
            assertThat(connects(lab, 2, server)).as("cut host 2").isNotZero();
            assertThat(connects(lab, 1, server)).as("host 1, not cut").isZero();
            lab.restore(2);
            assertThat(reconnects(lab, 2, server)).as("restored host 2 (its neighbour entry is learnt again)").isTrue();
        }
        assertThat(run(List.of("ip", "netns", "list"))).doesNotContain(suffix);
        assertThat(run(List.of("ip", "-o", "link", "show"))).doesNotContain(suffix);
    }

    /** Whether host {@code h} connects again within a generous 60 s (a link just up may take a few tries). */
    private static boolean reconnects(NetworkLab lab, int h, ServerSocket server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (connects(lab, h, server) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Exit code of a TCP connect from inside host {@code h} to the server (bash's /dev/tcp), at most 3 s. */
    private static int connects(NetworkLab lab, int h, ServerSocket server) throws Exception {
        String target = "/dev/tcp/" + server.getInetAddress().getHostAddress() + "/" + server.getLocalPort();
        Process p = lab.process(h, List.of("timeout", "3", "bash", "-c", "exec 3<>" + target))
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
