package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.libvirt.Domain;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.NicBandwidth;

/**
 * NIC QoS with tc on the host (libvirt's {@code <bandwidth>} needs sch_sfq and act_police, which hosts like ours
 * lack): per NIC an htb on the tap's egress for what the guest receives and, for what it sends, the tap's ingress
 * redirected to an ifb device carrying the same htb ({@link TcPlan}). Finds each NIC's tap by MAC in the live
 * domain XML. Callers serialise calls per domain (the driver's per-VM lock); different domains do not interfere.
 *
 * <p>Nothing is remembered here: {@link #read} asks tc, and the ifb names derive from the MACs, so an agent restart
 * loses nothing and every call is idempotent.
 */
public final class NicShaping {

    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(20);

    private final Connection connection;
    private final TcShaper shaper;

    public NicShaping(Connection connection) {
        this(connection, new ProcessRunner(COMMAND_LIMIT));
    }

    NicShaping(Connection connection, CommandRunner runner) {
        this.connection = requireNonNull(connection, "connection is null");
        this.shaper = new TcShaper(runner);
    }

    /**
     * Programs tc for the named NICs of a running (or paused) domain; {@link NicBandwidth#NONE} (or NONE in one
     * direction) removes that shaping, and the NIC's ifb with the outbound one. NICs not named are left alone.
     *
     * @throws DriverException NOT_FOUND (no such domain), INVALID_STATE (not running), BAD_REFERENCE (no NIC with
     *     that MAC, or its tap is gone), FAILED (tc refused; its stderr is in the message)
     */
    public void apply(String domainName, Map<String, NicBandwidth> nicsByMac) {
        Live live = live(domainName);
        if (!live.active()) {
            throw new DriverException(Reason.INVALID_STATE, "cannot shape the NICs of " + domainName
                    + ": it is not running");
        }
        Map<String, NicBandwidth> wanted = new LinkedHashMap<>();
        nicsByMac.forEach((mac, want) -> wanted.put(mac.toLowerCase(Locale.ROOT), requireNonNull(want, mac)));
        shaper.apply(live.taps(), wanted);
    }

    /** What tc enforces now on each NIC of the domain, by lower-case MAC; all NONE while it is not running. */
    public Map<String, NicBandwidth> read(String domainName) {
        return shaper.read(live(domainName).taps());
    }

    /**
     * After the domain stopped: deletes the ifb devices its NICs left behind (taps and qdiscs go with QEMU). Does
     * nothing while the domain runs: its ifbs are in use, and deleting one would cut off what the guest sends.
     */
    public void release(String domainName) {
        Live live = live(domainName);
        if (!live.active()) {
            shaper.release(live.taps().keySet());
        }
    }

    /** The domain's NICs (MAC -> tap, "" for none) as libvirt sees them now. */
    private record Live(boolean active, Map<String, String> taps) {
    }

    private Live live(String domainName) {
        return connection.call("read the live XML of " + domainName, c -> {
            Domain domain = c.domainLookupByName(domainName);
            boolean active = domain.isActive() == 1;
            Map<String, String> taps = DomainXmlReader.nicTaps(domain.getXMLDesc(0));
            if (!active) {
                taps.replaceAll((mac, tap) -> ""); // an inactive definition may still name the last tap
            }
            return new Live(active, taps);
        });
    }
}
