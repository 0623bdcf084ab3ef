package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.NicSpec;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.NicBandwidth;
import org.openvrm.driver.ProgressSink;

/**
 * NIC shaping measured on the real tiny guest: TCP between the host and the guest over a bridge of this test's own
 * (with an address range nobody else routes), counted over 10 s after 3 s of warm-up. Guest -> host is counted by
 * the host's receiving socket (payload), host -> guest by the guest's rx_bytes (frames, what htb counts). Prints what
 * it measured.
 */
class NicShapingGuestTest extends RealGuestTest {

    private static final Pattern TC_CLASS = Pattern.compile(
            "class htb 1:1 .*?rate (\\d+)([KMG]?)bit ceil (\\d+)([KMG]?)bit burst (\\d+)(b|Kb|Mb).*?\\n\\s*Sent (\\d+) bytes",
            Pattern.DOTALL);
    private static final Bandwidth EIGHT_MBIT = new Bandwidth(1000, 2000, 64); // 1000 kB/s = 8 Mbit/s
    private static final Bandwidth FOUR_MBIT = new Bandwidth(500, 0, 0);

    private String bridge;
    private String hostIp;
    private String guestIp;
    private Connection connection;

    @Override
    protected String label() {
        return "nicshaping";
    }

    @BeforeAll
    void ownBridge() throws IOException {
        String routes = TestHost.run(Duration.ofSeconds(10), "ip", "-o", "addr").output()
                + TestHost.run(Duration.ofSeconds(10), "ip", "route").output();
        int net;
        do {
            net = ThreadLocalRandom.current().nextInt(1, 255); // 198.18.0.0/15 is for benchmarks (RFC 2544)
        } while (routes.contains("198.18." + net + "."));
        hostIp = "198.18." + net + ".1";
        guestIp = "198.18." + net + ".2";
        bridge = "vrmq" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        host("ip", "link", "add", bridge, "type", "bridge");
        host("ip", "addr", "add", hostIp + "/24", "dev", bridge);
        host("ip", "link", "set", bridge, "up");
        connection = new Connection(LibvirtConfig.DEFAULT_URI, raw -> { }, () -> { });
    }

    @AfterAll
    void removeBridge() throws IOException {
        if (connection != null) {
            connection.close();
        }
        if (bridge != null) {
            TestHost.run(Duration.ofSeconds(10), "ip", "link", "del", bridge);
        }
    }

    @Test
    void shapesBothDirectionsChangesLiveLiftsAndReleases() throws Exception {
        String vmId = newVmId("shaping");
        DomainSpec tiny = tinySpec(vmId);
        String mac = tiny.nics().getFirst().mac();
        DomainSpec spec = new DomainSpec(vmId, tiny.name(), tiny.generation(), tiny.vcpus(), tiny.maxVcpus(),
                tiny.memoryMb(), tiny.disks(), List.of(new NicSpec(mac, bridge, "virtio")), tiny.bootOrder());
        String name = startAndAwaitAgent(spec);
        String nic = exec(name, "for i in /sys/class/net/*; do [ \"$(cat $i/address)\" = " + mac
                + " ] && basename $i; done; true");
        exec(name, "ip addr add " + guestIp + "/24 dev " + nic + " && ip link set " + nic + " up");
        awaitTrue(Duration.ofSeconds(30), "the guest reaching " + hostIp,
                () -> exec(name, "ping -c 1 -W 1 " + hostIp + " >/dev/null && echo ok || true").equals("ok"));
        String tap = TestHost.virsh("domiflist", name).lines().filter(l -> l.contains(mac))
                .map(l -> l.trim().split("\\s+")[0]).findFirst().orElseThrow();
        String ifb = "ifb" + mac.replace(":", "");
        NicShaping shaping = new NicShaping(connection);
        assertReason(() -> shaping.apply(name, Map.of("52:54:00:00:00:01", NicBandwidth.NONE)),
                Reason.BAD_REFERENCE);
        assertReason(() -> shaping.read(TestHost.PREFIX + "no-such-domain"), Reason.NOT_FOUND);

        double sendFree = guestSends(name);
        double receiveFree = guestReceives(name, nic);
        System.out.printf("NicShapingGuestTest: unshaped guest->host %.1f Mbit/s, host->guest %.1f Mbit/s%n",
                sendFree, receiveFree);
        // the TCG guest sends about 90 Mbit/s unshaped here; 8 Mbit/s must be clearly below what it can do
        assertThat(Math.min(sendFree, receiveFree)).as("the unshaped path must be well above 8 Mbit/s to tell")
                .isGreaterThan(20);

        NicBandwidth eight = new NicBandwidth(EIGHT_MBIT, EIGHT_MBIT);
        shaping.apply(name, Map.of(mac, eight));
        shaping.apply(name, Map.of(mac.toUpperCase(), eight)); // idempotent, MAC case does not matter
        assertThat(shaping.read(name)).isEqualTo(Map.of(mac, eight));
        double send8 = guestSends(name);
        double receive8 = guestReceives(name, nic);
        System.out.printf("NicShapingGuestTest: 8 Mbit/s both ways: guest->host %.2f, host->guest %.2f Mbit/s%n",
                send8, receive8);
        assertThat(send8).as("guest -> host at 8 Mbit/s").isBetween(6.4, 9.6);
        assertThat(receive8).as("host -> guest at 8 Mbit/s").isBetween(6.4, 9.6);
        // tc's own view, parsed here independently: the classes say what was applied, and the traffic went through
        assertTcClass(tap, 8_000_000, 16_000_000, 64 * 1024);
        assertTcClass(ifb, 8_000_000, 16_000_000, 64 * 1024);

        NicBandwidth four = new NicBandwidth(FOUR_MBIT, FOUR_MBIT);
        long bootId = bootIdHash(name);
        shaping.apply(name, Map.of(mac, four));
        assertThat(shaping.read(name)).isEqualTo(Map.of(mac, four));
        double send4 = guestSends(name);
        double receive4 = guestReceives(name, nic);
        System.out.printf("NicShapingGuestTest: live change to 4 Mbit/s: guest->host %.2f, host->guest %.2f Mbit/s%n",
                send4, receive4);
        assertThat(send4).as("guest -> host at 4 Mbit/s").isBetween(3.2, 4.8);
        assertThat(receive4).as("host -> guest at 4 Mbit/s").isBetween(3.2, 4.8);
        assertThat(bootIdHash(name)).as("no restart of the guest").isEqualTo(bootId);

        shaping.apply(name, Map.of(mac, NicBandwidth.NONE));
        assertThat(shaping.read(name)).isEqualTo(Map.of(mac, NicBandwidth.NONE));
        assertThat(Files.exists(Path.of("/sys/class/net", ifb))).as("NONE removes the ifb").isFalse();
        assertThat(TestHost.run(Duration.ofSeconds(10), "tc", "qdisc", "show", "dev", tap).output())
                .doesNotContain("htb", "ingress");
        double sendLifted = guestSends(name);
        double receiveLifted = guestReceives(name, nic);
        System.out.printf("NicShapingGuestTest: NONE again: guest->host %.1f, host->guest %.1f Mbit/s%n",
                sendLifted, receiveLifted);
        assertThat(sendLifted).as("guest -> host unshaped").isGreaterThan(20);
        assertThat(receiveLifted).as("host -> guest unshaped").isGreaterThan(20);

        // a stopped domain leaves its ifb behind (the tap goes with QEMU); release removes it
        shaping.apply(name, Map.of(mac, new NicBandwidth(Bandwidth.NONE, FOUR_MBIT)));
        shaping.release(name); // while it runs: nothing (the ifb carries what the guest sends)
        assertThat(Files.exists(Path.of("/sys/class/net", ifb))).isTrue();
        driver.destroy(vmId, ProgressSink.NONE);
        assertThat(Files.exists(Path.of("/sys/class/net", ifb))).isTrue();
        assertThat(shaping.read(name)).isEqualTo(Map.of(mac, NicBandwidth.NONE));
        shaping.release(name);
        assertThat(Files.exists(Path.of("/sys/class/net", ifb))).as("release removes the ifb").isFalse();
        shaping.release(name); // again: nothing left, no error
        assertReason(() -> shaping.apply(name, Map.of(mac, new NicBandwidth(FOUR_MBIT, FOUR_MBIT))),
                Reason.INVALID_STATE);
    }

    private static void assertReason(Runnable call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DriverException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** Guest -> host in Mbit/s of TCP payload, counted by the host's socket. */
    private double guestSends(String name) throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
        try (HostTraffic.Sink sink = new HostTraffic.Sink(hostIp, port)) {
            // nc reads /dev/zero itself: a dd | nc pipe costs the TCG guest a third of its sending rate
            exec(name, "(nc " + hostIp + " " + port + " </dev/zero >/dev/null 2>&1) &");
            awaitTrue(Duration.ofSeconds(30), "the guest sending", () -> sink.bytes() > 0);
            sleep(3_000);
            long b0 = sink.bytes();
            long t0 = System.nanoTime();
            sleep(10_000);
            long b1 = sink.bytes();
            long t1 = System.nanoTime();
            return (b1 - b0) * 8.0 / ((t1 - t0) / 1e9) / 1e6;
        } finally {
            exec(name, "killall nc 2>/dev/null; true");
        }
    }

    /** Host -> guest in Mbit/s of frames, counted by the guest's rx_bytes over 10 s of its own clock. */
    private double guestReceives(String name, String nic) throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
        exec(name, "(nc -l -p " + port + " >/dev/null) </dev/null >/dev/null 2>&1 &");
        HostTraffic.Source[] source = new HostTraffic.Source[1];
        awaitTrue(Duration.ofSeconds(30), "the guest listening on " + port, () -> {
            try {
                source[0] = new HostTraffic.Source(guestIp, port);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        try (HostTraffic.Source s = source[0]) {
            sleep(3_000);
            String stats = "/sys/class/net/" + nic + "/statistics/rx_bytes";
            String[] out = exec(name, "a=$(cat " + stats + "); t0=$(cut -d' ' -f1 /proc/uptime); sleep 10; b=$(cat "
                    + stats + "); t1=$(cut -d' ' -f1 /proc/uptime); echo $((b-a)) $t0 $t1").split(" ");
            double seconds = Double.parseDouble(out[2]) - Double.parseDouble(out[1]);
            return Long.parseLong(out[0]) * 8.0 / seconds / 1e6;
        } finally {
            exec(name, "killall nc 2>/dev/null; true");
        }
    }

    private static void assertTcClass(String dev, long rateBits, long ceilBits, long burstBytes) throws IOException {
        String shown = TestHost.run(Duration.ofSeconds(10), "tc", "-s", "class", "show", "dev", dev).output();
        Matcher m = TC_CLASS.matcher(shown + "\n");
        assertThat(m.find()).as("tc -s class show dev %s: %s", dev, shown).isTrue();
        assertThat(Long.parseLong(m.group(1)) * unit(m.group(2))).as("rate of %s", dev).isEqualTo(rateBits);
        assertThat(Long.parseLong(m.group(3)) * unit(m.group(4))).as("ceil of %s", dev).isEqualTo(ceilBits);
        long burst = Long.parseLong(m.group(5)) * switch (m.group(6)) {
            case "Kb" -> 1024L;
            case "Mb" -> 1024L * 1024;
            default -> 1L;
        };
        assertThat(burst).as("burst of %s", dev).isBetween(burstBytes - 16, burstBytes + 16);
        assertThat(Long.parseLong(m.group(7))).as("bytes sent through %s's class", dev).isGreaterThan(1_000_000);
    }

    private static long unit(String prefix) {
        return switch (prefix) {
            case "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1L;
        };
    }

    private static long bootIdHash(String name) {
        return exec(name, "cat /proc/sys/kernel/random/boot_id").hashCode();
    }

    private static void host(String... command) throws IOException {
        TestHost.Result r = TestHost.run(Duration.ofSeconds(10), command);
        assertThat(r.exit()).as("%s: %s", String.join(" ", command), r.output()).isZero();
    }
}
