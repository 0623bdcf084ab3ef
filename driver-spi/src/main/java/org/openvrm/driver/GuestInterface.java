package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One network interface as the guest agent reports it.
 *
 * @param name the guest's own name for it ("eth0")
 * @param mac lower-case, colon-separated, as in {@link DomainSpec.NicSpec#mac()}
 * @param addresses CIDR strings ("192.0.2.10/24", "fe80::1/64"), IPv4 and IPv6
 */
public record GuestInterface(String name, String mac, List<String> addresses) {
    public GuestInterface {
        requireNonNull(name, "name is null");
        requireNonNull(mac, "mac is null");
        addresses = List.copyOf(addresses);
    }
}
