package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the guest agent ("Tools") says about the guest, asked at the moment of the call.
 *
 * @param agentResponding whether an agent answered; when false there is no hostname and no interface
 * @param interfaces the guest's interfaces, loopback left out
 */
public record GuestInfo(boolean agentResponding, Optional<String> hostname, List<GuestInterface> interfaces) {

    /** No agent answered (the domain is not running, or has no agent, or it is not up yet). */
    public static final GuestInfo NONE = new GuestInfo(false, Optional.empty(), List.of());

    public GuestInfo {
        requireNonNull(hostname, "hostname is null");
        interfaces = List.copyOf(interfaces);
        if (!agentResponding && (hostname.isPresent() || !interfaces.isEmpty())) {
            throw new IllegalArgumentException("without an agent there is no hostname and no interface");
        }
    }
}
