package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

/** Shaping of one NIC, seen from the guest: {@code inbound} is what it receives, {@code outbound} what it sends. */
public record NicBandwidth(Bandwidth inbound, Bandwidth outbound) {

    public static final NicBandwidth NONE = new NicBandwidth(Bandwidth.NONE, Bandwidth.NONE);

    public NicBandwidth {
        requireNonNull(inbound, "inbound is null");
        requireNonNull(outbound, "outbound is null");
    }

    public boolean shaped() {
        return inbound.shaped() || outbound.shaped();
    }
}
