package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.libvirt.TcPlan.Qdiscs;

/** tc's output, as iproute2 6.1 prints it on this kernel (copied from real runs), back into our terms. */
class TcStateTest {

    @Test
    void qdiscsOfAShapedTap() {
        String json = "[{\"kind\":\"htb\",\"handle\":\"1:\",\"root\":true,\"refcnt\":3,\"options\":{\"r2q\":10,"
                + "\"default\":\"0x1\",\"direct_packets_stat\":0,\"direct_qlen\":1000}},{\"kind\":\"pfifo\","
                + "\"handle\":\"10:\",\"parent\":\"1:1\",\"options\":{\"limit\":1000}},{\"kind\":\"ingress\","
                + "\"handle\":\"ffff:\",\"parent\":\"ffff:fff1\",\"options\":{}}]";
        assertThat(TcState.qdiscs(json)).isEqualTo(new Qdiscs(true, true, true));
    }

    @Test
    void qdiscsOfABareTap() {
        assertThat(TcState.qdiscs("[]")).isEqualTo(new Qdiscs(true, false, false));
        assertThat(TcState.qdiscs("[{\"kind\":\"pfifo_fast\",\"handle\":\"0:\",\"root\":true,\"refcnt\":2}]"))
                .isEqualTo(new Qdiscs(true, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // tc's line                                                                           | avg  | peak | burst
            "class htb 1:1 root leaf 10: prio 0 rate 8Mbit ceil 16Mbit burst 64Kb cburst 1600b     | 1000 | 2000 | 64",
            "class htb 1:1 root leaf 10: prio 0 rate 8Mbit ceil 8Mbit burst 16Kb cburst 1600b      | 1000 | 0    | 0",
            "class htb 1:1 root leaf 10: prio 0 rate 7992Kbit ceil 7992Kbit burst 1022b cburst 1598b | 999 | 0   | 1",
            "class htb 1:1 root leaf 10: prio 0 rate 56Kbit ceil 56Kbit burst 50Kb cburst 1599b    | 7    | 0    | 50  ",
            "class htb 1:1 root leaf 10: prio 0 rate 9872Kbit ceil 19744Kbit burst 4Mb cburst 1599b | 1234 | 2468 | 4096",
            // 1 Gbit/s, burst recomputed from ticks: 102250 B = 99.85 KiB
            "class htb 1:1 root leaf 10: prio 0 rate 1Gbit ceil 1Gbit burst 102250b cburst 1375b   | 125000 | 0  | 100",
            // a burst equal to the default of its rate (20 KiB at 2000 kB/s) reads as 0
            "class htb 1:1 root leaf 10: prio 0 rate 16Mbit ceil 32Mbit burst 20Kb cburst 1600b    | 2000 | 4000 | 0",
    })
    void htbClassLine(String line, long average, long peak, long burst) {
        assertThat(TcState.htbClass(line + " \n")).isEqualTo(new Bandwidth(average, peak, burst));
    }

    @Test
    void noClassIsNone() {
        assertThat(TcState.htbClass("")).isEqualTo(Bandwidth.NONE);
        assertThat(TcState.htbClass("class htb 1:2 root prio 0 rate 8Mbit ceil 8Mbit burst 16Kb cburst 1600b"))
                .isEqualTo(Bandwidth.NONE);
    }

    @Test
    void redirectFilter() {
        String filters = """
                filter protocol all pref 1 u32 chain 0
                filter protocol all pref 1 u32 chain 0 fh 800: ht divisor 1
                filter protocol all pref 1 u32 chain 0 fh 800::1 order 1 key ht 800 bkt 0 terminal flowid not_in_hw
                  match 00000000/00000000 at 0
                	action order 1: mirred (Egress Redirect to device ifb525400a1b2c3) stolen
                	index 3 ref 1 bind 1
                """;
        assertThat(TcState.redirectsTo(filters, "ifb525400a1b2c3")).isTrue();
        assertThat(TcState.redirectsTo(filters, "ifb525400a1b2c")).isFalse();
        assertThat(TcState.redirectsTo("", "ifb525400a1b2c3")).isFalse();
    }
}
