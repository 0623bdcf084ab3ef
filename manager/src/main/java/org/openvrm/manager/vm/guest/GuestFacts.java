package org.openvrm.manager.vm.guest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openvrm.api.VmGuest;
import org.openvrm.core.vm.VmState;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.GuestInterface;

/**
 * The latest guest agent answer per VM, in memory only: it is what the guest says now, not something that should
 * be, so it is never stored (after a manager restart the agents' next poll brings it back). Fed by the agents'
 * {@code GuestChanged} events; read when a VM view is built.
 */
public final class GuestFacts {

    private record Seen(String hostId, GuestInfo info) {}

    private final Map<String, Seen> byVm = new ConcurrentHashMap<>();

    /** A host's agent says the guest of {@code vmId} changed; NONE forgets it. */
    public void changed(String hostId, String vmId, GuestInfo info) {
        if (info.equals(GuestInfo.NONE)) {
            byVm.remove(vmId);
        } else {
            byVm.put(vmId, new Seen(hostId, info));
        }
    }

    /** Nobody watches this host's guests any more (its remote agent's session ended): forget what they said. */
    public void forgetHost(String hostId) {
        byVm.values().removeIf(seen -> seen.hostId().equals(hostId));
    }

    /**
     * The guest block of a VM's view. Only a RUNNING VM on the host that answered shows what its agent said, so a
     * stopped, suspended or moved VM never shows a stale address.
     */
    public VmGuest view(String vmId, String hostId, VmState state) {
        Seen seen = byVm.get(vmId);
        if (seen == null || state != VmState.RUNNING || !seen.hostId().equals(hostId)
                || !seen.info().agentResponding()) {
            return VmGuest.NOT_RUNNING;
        }
        GuestInfo info = seen.info();
        var nics = info.interfaces().stream()
                .map(i -> new VmGuest.GuestNic(i.name(), i.mac(), i.addresses())).toList();
        var ips = info.interfaces().stream().map(GuestInterface::addresses).flatMap(java.util.List::stream)
                .map(GuestFacts::withoutPrefix).distinct().toList();
        return new VmGuest("RUNNING", info.hostname().orElse(null), ips, nics);
    }

    /** "192.0.2.10/24" -> "192.0.2.10". */
    static String withoutPrefix(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }
}
