package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.NicBandwidth;
import org.openvrm.driver.libvirt.TcPlan.Qdiscs;

/** The exact tc / ip commands for each starting point, without root. */
class TcPlanTest {

    private static final String TAP = "vnet7";
    private static final String IFB = "ifb525400a1b2c3";
    private static final Qdiscs BARE = new Qdiscs(true, false, false);
    private static final Qdiscs SHAPED_TAP = new Qdiscs(true, true, true);
    private static final Qdiscs SHAPED_IFB = new Qdiscs(true, true, false);
    private static final Bandwidth EIGHT_MBIT = new Bandwidth(1000, 2000, 256);

    private static List<String> cmd(String line) {
        return List.of(line.split(" "));
    }

    @Test
    void ifbIsNamedAfterTheMacInFifteenCharacters() {
        assertThat(TcPlan.ifbName("52:54:00:A1:B2:C3")).isEqualTo(IFB).hasSize(15);
        assertThatThrownBy(() -> TcPlan.ifbName("52:54:00:a1:b2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstApplyBuildsBothDirectionsTheIfbBeforeTheRedirect() {
        var commands = TcPlan.apply(TAP, IFB, new NicBandwidth(EIGHT_MBIT, new Bandwidth(500, 0, 0)), BARE,
                Qdiscs.ABSENT);
        assertThat(commands).containsExactly(
                cmd("tc qdisc replace dev vnet7 root handle 1: htb default 1"),
                cmd("tc class replace dev vnet7 parent 1: classid 1:1 htb rate 1000kbps ceil 2000kbps burst 256kb"
                        + " quantum 65536"),
                cmd("tc qdisc replace dev vnet7 parent 1:1 handle 10: pfifo limit 1000"),
                cmd("ip link add ifb525400a1b2c3 type ifb"),
                cmd("ip link set dev ifb525400a1b2c3 up"),
                cmd("tc qdisc replace dev ifb525400a1b2c3 root handle 1: htb default 1"),
                // peak 0 -> ceil = rate; burst 0 -> the default, 16 KiB (10 ms of 500 kB/s is only 5 KB)
                cmd("tc class replace dev ifb525400a1b2c3 parent 1: classid 1:1 htb rate 500kbps ceil 500kbps"
                        + " burst 16kb quantum 65536"),
                cmd("tc qdisc replace dev ifb525400a1b2c3 parent 1:1 handle 10: pfifo limit 1000"),
                cmd("tc qdisc replace dev vnet7 handle ffff: ingress"),
                cmd("tc filter replace dev vnet7 parent ffff: protocol all prio 1 handle 800::1 u32 match u32 0 0"
                        + " action mirred egress redirect dev ifb525400a1b2c3"));
    }

    @Test
    void applyOverAnExistingShapeOnlyChangesTheClasses() {
        // htb refuses "replace" of its root ("Change operation not supported"): the root is never touched again
        var commands = TcPlan.apply(TAP, IFB, new NicBandwidth(EIGHT_MBIT, EIGHT_MBIT), SHAPED_TAP, SHAPED_IFB);
        assertThat(commands).containsExactly(
                cmd("tc class replace dev vnet7 parent 1: classid 1:1 htb rate 1000kbps ceil 2000kbps burst 256kb"
                        + " quantum 65536"),
                cmd("tc qdisc replace dev vnet7 parent 1:1 handle 10: pfifo limit 1000"),
                cmd("ip link set dev ifb525400a1b2c3 up"),
                cmd("tc class replace dev ifb525400a1b2c3 parent 1: classid 1:1 htb rate 1000kbps ceil 2000kbps"
                        + " burst 256kb quantum 65536"),
                cmd("tc qdisc replace dev ifb525400a1b2c3 parent 1:1 handle 10: pfifo limit 1000"),
                cmd("tc filter replace dev vnet7 parent ffff: protocol all prio 1 handle 800::1 u32 match u32 0 0"
                        + " action mirred egress redirect dev ifb525400a1b2c3"));
    }

    @Test
    void noneRemovesTheQdiscsAndTheIfb() {
        assertThat(TcPlan.apply(TAP, IFB, NicBandwidth.NONE, SHAPED_TAP, SHAPED_IFB)).containsExactly(
                cmd("tc qdisc del dev vnet7 root"),
                cmd("tc qdisc del dev vnet7 ingress"),
                cmd("ip link del dev ifb525400a1b2c3"));
    }

    @Test
    void noneOnABareTapDoesNothing() {
        assertThat(TcPlan.apply(TAP, IFB, NicBandwidth.NONE, BARE, Qdiscs.ABSENT)).isEmpty();
    }

    @Test
    void oneDirectionOnlyLeavesTheOtherBare() {
        // was shaped both ways; now only outbound: the tap's root goes, the ingress redirect stays
        assertThat(TcPlan.apply(TAP, IFB, new NicBandwidth(Bandwidth.NONE, EIGHT_MBIT), SHAPED_TAP, SHAPED_IFB))
                .first().isEqualTo(cmd("tc qdisc del dev vnet7 root"));
        // only inbound: the ingress and the ifb go
        assertThat(TcPlan.apply(TAP, IFB, new NicBandwidth(EIGHT_MBIT, Bandwidth.NONE), SHAPED_TAP, SHAPED_IFB))
                .endsWith(cmd("tc qdisc del dev vnet7 ingress"), cmd("ip link del dev ifb525400a1b2c3"));
    }

    @ParameterizedTest(name = "{0} kB/s -> default burst {1} KiB")
    @CsvSource({
            "1, 16",         // 10 ms = 10 B: the floor
            "1000, 16",      // 10 ms = 10 KB = 9.8 KiB: the floor
            "2000, 20",      // 20 KB = 19.5 KiB, rounded up
            "125000, 1221",  // 1 Gbit/s: 1.25 MB = 1220.7 KiB
    })
    void defaultBurstIsTenMillisecondsAtLeastSixteenKib(long average, long burst) {
        assertThat(TcPlan.defaultBurstKb(average)).isEqualTo(burst);
    }

    @Test
    void aBurstOfMoreThanSixtySecondsIsRefused() {
        // 1 kB/s for 60 s = 60000 B = 58.6 KiB: 58 fits, 59 does not
        TcPlan.check("52:54:00:a1:b2:c3", new NicBandwidth(new Bandwidth(1, 0, 58), Bandwidth.NONE));
        assertThatThrownBy(() -> TcPlan.check("52:54:00:a1:b2:c3",
                new NicBandwidth(Bandwidth.NONE, new Bandwidth(1, 0, 59))))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FAILED))
                .hasMessageContaining("outbound").hasMessageContaining("59 KiB");
    }
}
