package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.NicBandwidth;

/**
 * The shaper's commands on the real kernel, without a guest: a veth end stands in for the tap (tc treats both
 * alike). Needs root; skipped otherwise. Every device made is removed.
 */
class TcShaperHostTest {

    private final ProcessRunner host = new ProcessRunner(Duration.ofSeconds(20));
    private final TcShaper shaper = new TcShaper(host);
    private String tap;
    private String mac;

    @BeforeEach
    void veth() {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root for tc");
        String id = UUID.randomUUID().toString().substring(0, 6);
        tap = "vqt" + id;
        mac = "52:54:00:" + id.substring(0, 2) + ":" + id.substring(2, 4) + ":" + id.substring(4, 6);
        run("ip", "link", "add", tap, "type", "veth", "peer", "name", "vqp" + id);
        run("ip", "link", "set", tap, "up");
    }

    @AfterEach
    void removeVeth() {
        if (tap != null) {
            host.run(List.of("ip", "link", "del", tap));
            host.run(List.of("ip", "link", "del", TcPlan.ifbName(mac)));
        }
    }

    @Test
    void applyReadChangeAndNone() {
        NicBandwidth both = new NicBandwidth(new Bandwidth(1000, 2000, 64), new Bandwidth(1000, 0, 0));
        shaper.apply(Map.of(mac, tap), Map.of(mac, both));
        assertThat(shaper.read(Map.of(mac, tap))).containsEntry(mac, both);
        String tapQdiscs = run("tc", "qdisc", "show", "dev", tap);
        String ifbQdiscs = run("tc", "qdisc", "show", "dev", TcPlan.ifbName(mac));

        shaper.apply(Map.of(mac, tap), Map.of(mac, both)); // again: the same qdiscs, one filter
        assertThat(run("tc", "qdisc", "show", "dev", tap)).isEqualTo(tapQdiscs);
        assertThat(run("tc", "qdisc", "show", "dev", TcPlan.ifbName(mac))).isEqualTo(ifbQdiscs);
        assertThat(run("tc", "filter", "show", "dev", tap, "parent", "ffff:").lines()
                .filter(l -> l.contains("Redirect")).count()).isEqualTo(1);

        NicBandwidth changed = new NicBandwidth(new Bandwidth(500, 0, 0), new Bandwidth(250, 750, 32));
        shaper.apply(Map.of(mac, tap), Map.of(mac, changed));
        assertThat(shaper.read(Map.of(mac, tap))).containsEntry(mac, changed);

        shaper.apply(Map.of(mac, tap), Map.of(mac, NicBandwidth.NONE));
        assertThat(shaper.read(Map.of(mac, tap))).containsEntry(mac, NicBandwidth.NONE);
        assertThat(run("tc", "qdisc", "show", "dev", tap)).doesNotContain("htb", "ingress");
        assertThat(Files.exists(Path.of("/sys/class/net", TcPlan.ifbName(mac)))).isFalse();
        shaper.apply(Map.of(mac, tap), Map.of(mac, NicBandwidth.NONE)); // NONE again: nothing to do, no error
    }

    @Test
    void releaseRemovesTheIfbOnceTheTapIsGone() {
        shaper.apply(Map.of(mac, tap), Map.of(mac, new NicBandwidth(Bandwidth.NONE, new Bandwidth(100, 0, 0))));
        Path ifb = Path.of("/sys/class/net", TcPlan.ifbName(mac));
        assertThat(Files.exists(ifb)).isTrue();
        run("ip", "link", "del", tap); // what QEMU's exit does to a tap
        shaper.release(List.of(mac));
        assertThat(Files.exists(ifb)).isFalse();
        shaper.release(List.of(mac)); // idempotent
    }

    private String run(String... command) {
        CommandRunner.Output out = host.run(List.of(command));
        assertThat(out.ok()).as("%s: %s", String.join(" ", command), out.stderr()).isTrue();
        return out.stdout();
    }
}
