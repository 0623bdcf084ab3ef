package org.openvrm.manager.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.LibvirtManager;
import org.openvrm.manager.testkit.LocalLibvirt;

/**
 * Guest facts, consoles and a live disk grow through the manager on this machine's real libvirtd + QEMU, with the
 * tiny test guest (it runs qemu-ga and writes its boot on the serial console).
 */
class LibvirtGuestConsoleTest {

    @AutoClose // whatever the test left: domains, volumes, bridge, logs
    private LibvirtManager m;
    private Api api;

    @BeforeEach
    void start() throws IOException {
        m = new LibvirtManager("mgrg", c -> c.withGuestPollMillis(500));
        api = m.api();
    }


    @Test
    void aRealGuestShowsItsConsolesAndAgentAndItsDiskGrowsWhileItRuns() throws Exception {
        String vm = m.createTinyVm("tiny");
        String domain = m.domainName(vm);
        String mac = api.get("/vms/" + vm).body().at("/nics/0/mac").asText();
        assertThat(api.get("/vms/" + vm + "/console").body().get("vnc").isNull()).isTrue();

        m.succeeded("/vms/" + vm + "/start", "");

        // the serial console: the guest's boot, read from the host's log through the API
        String output = await(() -> api.get("/vms/" + vm + "/console/output").raw(),
                o -> o.contains("openvrm-guest: ready"), Duration.ofSeconds(180));
        assertThat(api.get("/vms/" + vm + "/console/output?maxBytes=100").raw().length()).isLessThanOrEqualTo(100);

        // the VNC endpoint answers as a VNC server does, with its RFB version
        JsonNode vnc = api.get("/vms/" + vm + "/console").body().get("vnc");
        assertThat(vnc.get("host").asText()).isEqualTo("127.0.0.1");
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(vnc.get("host").asText(), vnc.get("port").asInt()), 5000);
            socket.setSoTimeout(5000);
            assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("RFB ");
        }

        // the guest agent's facts: its host name, and the NIC the manager gave it with the IPv6 link-local address
        // the guest's kernel derives from that MAC (the test bridge has no DHCP, so that is the address it has)
        InetAddress linkLocal = linkLocalOf(mac);
        JsonNode guest = await(() -> api.get("/vms/" + vm).body().get("guest"),
                g -> g.get("toolsStatus").asText().equals("RUNNING") && addresses(g).contains(linkLocal),
                Duration.ofSeconds(180)); // a loaded machine under TCG can take minutes (as the driver contract found)
        assertThat(guest.get("hostname").asText()).isNotBlank();
        assertThat(guest.get("interfaces").findValuesAsText("mac")).contains(mac);

        // grown live: the block device QEMU gives the guest is 128 MB now, and the VM keeps running
        JsonNode grow = api.change("/vms/" + vm + "/disks/" + vm + "-disk0/grow", "{\"sizeMb\":128}");
        assertThat(grow.get("state").asText()).as(grow.toString()).isEqualTo("SUCCEEDED");
        assertThat(LocalLibvirt.virshResult("domblkinfo", domain, "vda").output()).containsPattern("Capacity:\\s+" + 128L * 1024 * 1024);
        JsonNode after = api.get("/vms/" + vm).body();
        assertThat(after.get("state").asText()).isEqualTo("RUNNING");
        assertThat(after.at("/disks/0/sizeMb").asLong()).isEqualTo(128);

        m.succeeded("/vms/" + vm + "/stop", "");
        JsonNode stopped = api.get("/vms/" + vm).body().get("guest");
        assertThat(stopped.get("toolsStatus").asText()).isEqualTo("NOT_RUNNING");
        assertThat(stopped.get("interfaces")).isEmpty();
        assertThat(api.get("/vms/" + vm + "/console").body().get("vnc").isNull()).isTrue();
        assertThat(output).contains("openvrm-guest:");

        m.deleteVmLeavingNoTrace(vm);
    }

    /** The EUI-64 link-local address of a MAC (RFC 4291 appendix A): what Linux gives a NIC it brings up. */
    private static InetAddress linkLocalOf(String mac) throws UnknownHostException {
        String[] b = mac.split(":");
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        a[8] = (byte) (Integer.parseInt(b[0], 16) ^ 0x02);
        a[9] = (byte) Integer.parseInt(b[1], 16);
        a[10] = (byte) Integer.parseInt(b[2], 16);
        a[11] = (byte) 0xff;
        a[12] = (byte) 0xfe;
        a[13] = (byte) Integer.parseInt(b[3], 16);
        a[14] = (byte) Integer.parseInt(b[4], 16);
        a[15] = (byte) Integer.parseInt(b[5], 16);
        return InetAddress.getByAddress(a);
    }

    /** The addresses in the view's {@code guest.ipAddresses}, parsed so that any spelling of one compares equal. */
    private static List<InetAddress> addresses(JsonNode guest) {
        var parsed = new ArrayList<InetAddress>();
        for (JsonNode ip : guest.path("ipAddresses")) {
            try {
                parsed.add(InetAddress.getByName(ip.asText().replaceFirst("%.*$", "")));
            } catch (UnknownHostException e) {
                throw new AssertionError("not an IP address in guest.ipAddresses: " + ip, e);
            }
        }
        return parsed;
    }

    private static <T> T await(Supplier<T> read, Predicate<T> done, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            assertThat(Instant.now()).as("still waiting; last: " + value).isBefore(deadline);
            Thread.sleep(250);
        }
    }



}
