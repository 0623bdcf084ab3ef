package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.GuestInterface;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.VncEndpoint;

/** guestInfo, consoleOutput and vnc against the real tiny guest. */
@Timeout(600)
class LibvirtGuestViewsTest extends RealGuestTest {

    private static final String READY = "openvrm-guest: ready";

    @Override
    protected String label() {
        return "views";
    }

    @Test
    void theAgentReportsTheNicsAddressesTheConsoleShowsTheBootAndVncAnswers() throws IOException {
        String vmId = newVmId("views");
        DomainSpec spec = tinySpec(vmId);
        String mac = spec.nics().getFirst().mac();
        String name = startAndAwaitAgent(spec);

        // no DHCP on the test bridge: the NIC has its IPv6 link-local address; an IPv4 one is added by hand
        String nic = exec(name, "for i in /sys/class/net/*; do [ \"$(cat $i/address)\" = " + mac
                + " ] && basename $i; done; true");
        exec(name, "ip addr add 198.51.100.77/24 dev " + nic);
        AtomicReference<GuestInfo> seen = new AtomicReference<>();
        awaitTrue(Duration.ofSeconds(60), "the agent reporting both addresses of " + mac, () -> {
            seen.set(driver.guestInfo(vmId));
            return seen.get().interfaces().stream().anyMatch(i -> i.mac().equals(mac)
                    && i.addresses().containsAll(java.util.List.of("198.51.100.77/24", linkLocal(mac))));
        });
        long t0 = System.nanoTime();
        GuestInfo info = driver.guestInfo(vmId);
        long askMs = msSince(t0);
        assertThat(info.agentResponding()).isTrue();
        assertThat(info.hostname()).contains("openvrm-tiny"); // the guest's default (guest/README.md)
        assertThat(info.interfaces()).extracting(GuestInterface::name).contains(nic).doesNotContain("lo");
        assertThat(info.interfaces()).filteredOn(i -> i.mac().equals(mac)).singleElement()
                .satisfies(i -> assertThat(i.addresses()).contains("198.51.100.77/24", linkLocal(mac)));

        assertThat(driver.consoleOutput(vmId, 1 << 20)).contains(READY);
        assertThat(driver.consoleOutput(vmId, 8)).hasSizeLessThanOrEqualTo(8);

        VncEndpoint vnc = driver.vnc(vmId).orElseThrow(() -> new AssertionError("no VNC endpoint"));
        String display = TestHost.virsh("vncdisplay", name).strip(); // "127.0.0.1:3"
        assertThat(vnc.port()).isEqualTo(5900 + Integer.parseInt(display.substring(display.lastIndexOf(':') + 1)));
        try (Socket socket = new Socket(vnc.host(), vnc.port())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("RFB ");
        }
        // an agent that stops answering (frozen, not gone: the channel stays connected) is no agent, after a bounded wait
        exec(name, "(sleep 1; kill -STOP $(pidof qemu-ga)) >/dev/null 2>&1 &");
        sleep(2000);
        long t1 = System.nanoTime();
        assertThat(driver.guestInfo(vmId)).isEqualTo(GuestInfo.NONE);
        long silentMs = msSince(t1);
        System.out.printf("tiny guest: guestInfo answered in %d ms: %s; a frozen agent gave NONE after %d ms%n",
                askMs, info, silentMs);

        driver.destroy(vmId, ProgressSink.NONE);
        assertThat(driver.guestInfo(vmId)).isEqualTo(GuestInfo.NONE);
        assertThat(driver.vnc(vmId)).isEmpty();
        assertThat(driver.consoleOutput(vmId, 1 << 20)).as("kept until the next start").contains(READY);

        // a new start begins a new log (append='off'): one boot in it, not two
        driver.start(vmId, ProgressSink.NONE);
        awaitTrue(Duration.ofSeconds(180), "the second boot's ready line",
                () -> driver.consoleOutput(vmId, 1 << 20).contains(READY));
        String second = driver.consoleOutput(vmId, 1 << 20);
        assertThat(second.indexOf(READY)).isEqualTo(second.lastIndexOf(READY));
    }

    /** The EUI-64 link-local address Linux gives a NIC: fe80:: + the MAC with its U/L bit flipped and ff:fe inside. */
    static String linkLocal(String mac) {
        byte[] b = HexFormat.ofDelimiter(":").parseHex(mac);
        return String.format("fe80::%x:%x:%x:%x/64", ((b[0] ^ 0x02) & 0xff) << 8 | (b[1] & 0xff),
                (b[2] & 0xff) << 8 | 0xff, 0xfe << 8 | (b[3] & 0xff), (b[4] & 0xff) << 8 | (b[5] & 0xff));
    }
}
