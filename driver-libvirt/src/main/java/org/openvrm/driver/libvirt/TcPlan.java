package org.openvrm.driver.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.NicBandwidth;

/**
 * Pure: the {@code tc} and {@code ip} commands that bring one NIC from the shaping it has to the one wanted.
 *
 * <pre>
 *  host -> guest (inbound):  tap egress   root htb 1: -- class 1:1 (rate ceil burst) -- pfifo 10:
 *  guest -> host (outbound): tap ingress  ffff: -- u32 match-all -- mirred redirect --> ifb egress, same htb
 * </pre>
 *
 * libvirt's own {@code <bandwidth>} cannot be used on hosts without sch_sfq and act_police (this project's), so the
 * shape is libvirt's minus those two. The ifb is named after the MAC, not the tap: libvirt reuses vnetN names, and
 * a stopped domain's leftovers must be found again after its tap is gone (or the agent restarted).
 */
final class TcPlan {

    /** At most this much traffic may a burst hold: htb keeps it as a 32-bit count of 1/64 µs ticks (67 s). */
    static final long MAX_BURST_SECONDS = 60;
    /** The smallest default burst; the default is otherwise 10 ms of the average rate. */
    static final long MIN_DEFAULT_BURST_KB = 16;
    /** Explicit, so the kernel does not derive one from r2q and warn; with one class it only sets DRR's step. */
    static final int QUANTUM = 65536;
    /** The leaf queue in packets: explicit because an ifb's default (txqueuelen 32) drops TCP bursts. */
    static final int FIFO_LIMIT = 1000;
    /** Our one u32 filter on the tap's ingress, with a fixed handle so that a repeated replace does not add one. */
    static final String FILTER_HANDLE = "800::1";

    /** What a device holds now, as far as our shaping goes. */
    record Qdiscs(boolean exists, boolean rootHtb, boolean ingress) {
        static final Qdiscs ABSENT = new Qdiscs(false, false, false);
    }

    private TcPlan() {
    }

    /** {@code ifb} + the MAC's 12 hex digits: 15 characters, the most a Linux interface name may have. */
    static String ifbName(String mac) {
        String hex = mac.toLowerCase(Locale.ROOT).replace(":", "");
        if (!hex.matches("[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a MAC address: " + mac);
        }
        return "ifb" + hex;
    }

    /** 10 ms of the average rate, at least {@link #MIN_DEFAULT_BURST_KB} KiB. */
    static long defaultBurstKb(long averageKBps) {
        return Math.max(MIN_DEFAULT_BURST_KB, Math.ceilDiv(averageKBps * 10, 1024));
    }

    /** Refuses a shaping htb cannot hold (a burst of more than {@link #MAX_BURST_SECONDS} of the average). */
    static void check(String mac, NicBandwidth want) {
        check(mac, "inbound", want.inbound());
        check(mac, "outbound", want.outbound());
    }

    private static void check(String mac, String direction, Bandwidth b) {
        if (b.shaped() && b.burstKb() * 1024 > b.averageKBps() * 1000 * MAX_BURST_SECONDS) {
            throw new DriverException(Reason.FAILED, "NIC " + mac + " " + direction + ": a burst of " + b.burstKb()
                    + " KiB is more than " + MAX_BURST_SECONDS + " s at " + b.averageKBps()
                    + " kB/s, which htb cannot hold");
        }
    }

    /** The commands, in order, from {@code tapNow}/{@code ifbNow} to {@code want}; none when it is there already. */
    static List<List<String>> apply(String tap, String ifb, NicBandwidth want, Qdiscs tapNow, Qdiscs ifbNow) {
        List<List<String>> commands = new ArrayList<>();
        if (want.inbound().shaped()) {
            commands.addAll(htb(tap, tapNow, want.inbound()));
        } else if (tapNow.rootHtb()) {
            commands.add(List.of("tc", "qdisc", "del", "dev", tap, "root"));
        }
        if (want.outbound().shaped()) {
            // the ifb shapes before the redirect exists: no moment of unshaped sending on a first apply
            if (!ifbNow.exists()) {
                commands.add(List.of("ip", "link", "add", ifb, "type", "ifb"));
            }
            commands.add(List.of("ip", "link", "set", "dev", ifb, "up"));
            commands.addAll(htb(ifb, ifbNow, want.outbound()));
            if (!tapNow.ingress()) {
                commands.add(List.of("tc", "qdisc", "replace", "dev", tap, "handle", "ffff:", "ingress"));
            }
            commands.add(List.of("tc", "filter", "replace", "dev", tap, "parent", "ffff:", "protocol", "all",
                    "prio", "1", "handle", FILTER_HANDLE, "u32", "match", "u32", "0", "0",
                    "action", "mirred", "egress", "redirect", "dev", ifb));
        } else {
            if (tapNow.ingress()) {
                commands.add(List.of("tc", "qdisc", "del", "dev", tap, "ingress"));
            }
            if (ifbNow.exists()) {
                commands.add(removeIfb(ifb));
            }
        }
        return commands;
    }

    static List<String> removeIfb(String ifb) {
        return List.of("ip", "link", "del", "dev", ifb);
    }

    private static List<List<String>> htb(String dev, Qdiscs now, Bandwidth b) {
        List<List<String>> commands = new ArrayList<>();
        // htb has no "change": a replace over an existing htb root fails, so it is only made when missing
        if (!now.rootHtb()) {
            commands.add(List.of("tc", "qdisc", "replace", "dev", dev, "root", "handle", "1:", "htb", "default", "1"));
        }
        long ceil = b.peakKBps() == 0 ? b.averageKBps() : b.peakKBps();
        long burst = b.burstKb() == 0 ? defaultBurstKb(b.averageKBps()) : b.burstKb();
        commands.add(List.of("tc", "class", "replace", "dev", dev, "parent", "1:", "classid", "1:1", "htb",
                "rate", b.averageKBps() + "kbps", "ceil", ceil + "kbps", "burst", burst + "kb",
                "quantum", Integer.toString(QUANTUM)));
        commands.add(List.of("tc", "qdisc", "replace", "dev", dev, "parent", "1:1", "handle", "10:", "pfifo",
                "limit", Integer.toString(FIFO_LIMIT)));
        return commands;
    }
}
