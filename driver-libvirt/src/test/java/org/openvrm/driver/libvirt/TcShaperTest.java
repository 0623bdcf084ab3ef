package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.NicBandwidth;

/** The shaper against a scripted host: which commands it runs, what it reads, how failures come out. */
class TcShaperTest {

    private static final String MAC = "52:54:00:a1:b2:c3";
    private static final String IFB = "ifb525400a1b2c3";
    private static final Map<String, String> TAPS = Map.of(MAC, "vnet7");
    private static final CommandRunner.Output NO_DEVICE = new CommandRunner.Output(1, "", "Cannot find device \"x\"");

    /** Answers by the command line; anything not scripted succeeds silently. Records what ran. */
    private static final class ScriptedHost implements CommandRunner {
        final Map<String, Output> answers = new HashMap<>();
        final List<String> ran = new ArrayList<>();

        ScriptedHost answer(String line, Output output) {
            answers.put(line, output);
            return this;
        }

        ScriptedHost answer(String line, String stdout) {
            return answer(line, new Output(0, stdout, ""));
        }

        @Override
        public Output run(List<String> command) {
            String line = String.join(" ", command);
            ran.add(line);
            return answers.getOrDefault(line, new Output(0, "", ""));
        }

        List<String> changes() {
            return ran.stream().filter(l -> !l.contains(" show ")).toList();
        }
    }

    @Test
    void applyOnABareTapAsksFirstThenBuilds() {
        ScriptedHost host = new ScriptedHost()
                .answer("tc -j qdisc show dev vnet7", "[]")
                .answer("tc -j qdisc show dev " + IFB, NO_DEVICE);
        new TcShaper(host).apply(TAPS, Map.of(MAC, new NicBandwidth(new Bandwidth(1000, 0, 0), Bandwidth.NONE)));
        assertThat(host.ran).containsExactly(
                "tc -j qdisc show dev vnet7",
                "tc -j qdisc show dev " + IFB,
                "tc qdisc replace dev vnet7 root handle 1: htb default 1",
                "tc class replace dev vnet7 parent 1: classid 1:1 htb rate 1000kbps ceil 1000kbps burst 16kb"
                        + " quantum 65536",
                "tc qdisc replace dev vnet7 parent 1:1 handle 10: pfifo limit 1000");
    }

    @Test
    void anUnknownMacOrAnImpossibleBurstChangesNothing() {
        ScriptedHost host = new ScriptedHost();
        TcShaper shaper = new TcShaper(host);
        assertThatThrownBy(() -> shaper.apply(TAPS, Map.of("52:54:00:00:00:01", NicBandwidth.NONE)))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_REFERENCE))
                .hasMessageContaining("52:54:00:00:00:01");
        assertThatThrownBy(() -> shaper.apply(TAPS,
                Map.of(MAC, new NicBandwidth(new Bandwidth(1, 0, 1000), Bandwidth.NONE))))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FAILED));
        assertThat(host.ran).isEmpty();
    }

    @Test
    void aMissingTapIsBadReference() {
        ScriptedHost host = new ScriptedHost().answer("tc -j qdisc show dev vnet7", NO_DEVICE);
        assertThatThrownBy(() -> new TcShaper(host).apply(TAPS, Map.of(MAC, NicBandwidth.NONE)))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_REFERENCE))
                .hasMessageContaining("vnet7");
        assertThat(host.changes()).isEmpty();
    }

    @Test
    void aRefusalCarriesTcsStderr() {
        ScriptedHost host = new ScriptedHost()
                .answer("tc -j qdisc show dev vnet7", "[]")
                .answer("tc -j qdisc show dev " + IFB, NO_DEVICE)
                .answer("tc qdisc replace dev vnet7 root handle 1: htb default 1",
                        new CommandRunner.Output(2, "", "Error: Specified qdisc kind is unknown."));
        assertThatThrownBy(() -> new TcShaper(host).apply(TAPS,
                Map.of(MAC, new NicBandwidth(new Bandwidth(1000, 0, 0), Bandwidth.NONE))))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FAILED))
                .hasMessageContaining("tc qdisc replace dev vnet7 root handle 1: htb default 1")
                .hasMessageContaining("Specified qdisc kind is unknown");
    }

    @Test
    void readsBothDirectionsAndAStoppedNicAsNone() {
        ScriptedHost host = new ScriptedHost()
                .answer("tc -j qdisc show dev vnet7", "[{\"kind\":\"htb\",\"handle\":\"1:\",\"root\":true},"
                        + "{\"kind\":\"ingress\",\"handle\":\"ffff:\",\"parent\":\"ffff:fff1\"}]")
                .answer("tc class show dev vnet7",
                        "class htb 1:1 root leaf 10: prio 0 rate 8Mbit ceil 16Mbit burst 64Kb cburst 1600b")
                .answer("tc filter show dev vnet7 parent ffff:",
                        "\taction order 1: mirred (Egress Redirect to device " + IFB + ") stolen")
                .answer("tc -j qdisc show dev " + IFB, "[{\"kind\":\"htb\",\"handle\":\"1:\",\"root\":true}]")
                .answer("tc class show dev " + IFB,
                        "class htb 1:1 root leaf 10: prio 0 rate 4Mbit ceil 4Mbit burst 16Kb cburst 1600b");
        Map<String, NicBandwidth> read = new TcShaper(host).read(Map.of(MAC, "vnet7", "52:54:00:00:00:02", ""));
        assertThat(read).containsExactlyInAnyOrderEntriesOf(Map.of(
                MAC, new NicBandwidth(new Bandwidth(1000, 2000, 64), new Bandwidth(500, 0, 0)),
                "52:54:00:00:00:02", NicBandwidth.NONE));
    }

    @Test
    void anIngressRedirectingElsewhereIsNotOurOutboundShaping() {
        ScriptedHost host = new ScriptedHost()
                .answer("tc -j qdisc show dev vnet7", "[{\"kind\":\"ingress\",\"handle\":\"ffff:\"}]")
                .answer("tc filter show dev vnet7 parent ffff:", "mirred (Egress Redirect to device ifb0) stolen");
        assertThat(new TcShaper(host).read(TAPS)).containsEntry(MAC, NicBandwidth.NONE);
    }

    @Test
    void releaseDeletesOnlyAnIfbThatIsThere() {
        ScriptedHost host = new ScriptedHost()
                .answer("tc -j qdisc show dev " + IFB, "[]")
                .answer("tc -j qdisc show dev ifb525400000002", NO_DEVICE);
        new TcShaper(host).release(List.of(MAC, "52:54:00:00:00:02"));
        assertThat(host.changes()).containsExactly("ip link del dev " + IFB);
    }
}
