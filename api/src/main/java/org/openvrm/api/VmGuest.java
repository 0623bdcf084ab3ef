package org.openvrm.api;

import java.util.List;

/**
 * What the guest agent ("Tools") of a running VM says, kept in the manager's memory only (it comes back with the
 * next poll after a manager restart). For a VM that is not running, or whose agent does not answer, toolsStatus is
 * NOT_RUNNING and nothing else is shown: never a stale address.
 *
 * @param toolsStatus RUNNING or NOT_RUNNING
 * @param hostname the guest's own host name, or null
 * @param ipAddresses every address of every interface, without prefix length, loopback left out
 */
public record VmGuest(String toolsStatus, String hostname, List<String> ipAddresses, List<GuestNic> interfaces) {

    public static final VmGuest NOT_RUNNING = new VmGuest("NOT_RUNNING", null, List.of(), List.of());

    public VmGuest {
        ipAddresses = List.copyOf(ipAddresses);
        interfaces = List.copyOf(interfaces);
    }

    /** @param addresses CIDR notation, e.g. "192.0.2.10/24" or "2001:db8::5/64" */
    public record GuestNic(String name, String mac, List<String> addresses) {
        public GuestNic {
            addresses = List.copyOf(addresses);
        }
    }
}
