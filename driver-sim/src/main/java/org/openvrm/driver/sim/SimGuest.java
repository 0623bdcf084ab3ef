package org.openvrm.driver.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.GuestInterface;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.VncEndpoint;

/**
 * What the simulated guest shows the outside: console lines, a VNC port, guest-agent facts. All derived from the
 * domain's spec and state alone, so they are deterministic and survive a driver restart with the domain's record.
 */
final class SimGuest {

    /** The most console text kept per domain; older text is dropped, as a log rotated by size would be. */
    static final int CONSOLE_KEPT_BYTES = 64 * 1024;
    static final int VNC_BASE_PORT = 5900;
    private static final int VNC_PORTS = 10_000;

    private SimGuest() {
    }

    /** What the simulated guest writes on its serial console each time it boots. */
    static String bootLines(DomainSpec spec) {
        return "sim-bios: booting " + spec.name() + " (" + spec.vcpus() + " vCPU, " + spec.memoryMb() + " MB)\n"
                + "sim-kernel: " + spec.disks().size() + " disk(s), " + spec.nics().size() + " NIC(s)\n"
                + "sim-guest: ready\n";
    }

    /** {@code text} cut to the last {@link #CONSOLE_KEPT_BYTES} bytes. */
    static String keepTail(String text) {
        return tail(text, CONSOLE_KEPT_BYTES);
    }

    /**
     * The last {@code maxBytes} bytes of {@code text} in UTF-8, never splitting a character (so it may be a few
     * bytes shorter).
     */
    static String tail(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int from = bytes.length - maxBytes;
        while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
            from++; // a continuation byte: start at the next whole character
        }
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    /** A deterministic port per vmId while the emulator runs or is paused. */
    static Optional<VncEndpoint> vnc(String vmId, PowerState state) {
        if (!Transitions.holdsMemory(state)) {
            return Optional.empty();
        }
        return Optional.of(new VncEndpoint("127.0.0.1", VNC_BASE_PORT + Math.floorMod(vmId.hashCode(), VNC_PORTS)));
    }

    /** The agent answers only while the guest runs: hostname = the domain's name, one ethN per NIC. */
    static GuestInfo guestInfo(DomainSpec spec, PowerState state) {
        if (state != PowerState.RUNNING) {
            return GuestInfo.NONE;
        }
        List<GuestInterface> interfaces = new ArrayList<>();
        for (int i = 0; i < spec.nics().size(); i++) {
            String mac = spec.nics().get(i).mac();
            interfaces.add(new GuestInterface("eth" + i, mac.toLowerCase(Locale.ROOT), List.of(addressOf(mac))));
        }
        return new GuestInfo(true, Optional.of(spec.name()), interfaces);
    }

    /** 10.x.y.z/8 from the MAC's last three bytes (the MAC itself when it is not six hex bytes). */
    static String addressOf(String mac) {
        byte[] bytes;
        try {
            bytes = HexFormat.ofDelimiter(":").parseHex(mac);
        } catch (IllegalArgumentException notHex) {
            bytes = mac.getBytes(StandardCharsets.UTF_8);
        }
        int n = bytes.length;
        int x = n >= 3 ? bytes[n - 3] & 0xff : 0;
        int y = n >= 2 ? bytes[n - 2] & 0xff : 0;
        int z = n >= 1 ? bytes[n - 1] & 0xff : 0;
        return "10." + x + "." + y + "." + z + "/8";
    }
}
