package org.openvrm.driver.sim;

import java.util.HashMap;
import java.util.Map;
import org.openvrm.driver.DriverException;

/**
 * Host memory held by domains with a live emulator. A start reserves before its step so two concurrent starts cannot
 * both pass the check and overcommit the host.
 */
final class MemoryLedger {

    private final String hostname;
    private final long capacityMb;
    private final Map<String, Long> heldMb = new HashMap<>();
    private long usedMb;

    MemoryLedger(String hostname, long capacityMb) {
        this.hostname = hostname;
        this.capacityMb = capacityMb;
    }

    /** Reserves {@code memoryMb} for {@code vmId} or throws RESOURCE_EXHAUSTED naming the numbers. */
    synchronized void reserve(String vmId, long memoryMb) {
        if (heldMb.containsKey(vmId)) {
            return;
        }
        if (usedMb + memoryMb > capacityMb) {
            throw new DriverException(DriverException.Reason.RESOURCE_EXHAUSTED,
                    "cannot start %s: it needs %d MB, host %s has %d MB of which running domains use %d MB"
                            .formatted(vmId, memoryMb, hostname, capacityMb, usedMb));
        }
        hold(vmId, memoryMb);
    }

    /** Records memory already in use (domains found running on load), even past capacity: that is what is there. */
    synchronized void hold(String vmId, long memoryMb) {
        Long previous = heldMb.put(vmId, memoryMb);
        usedMb += memoryMb - (previous == null ? 0 : previous);
    }

    synchronized void release(String vmId) {
        Long previous = heldMb.remove(vmId);
        if (previous != null) {
            usedMb -= previous;
        }
    }

    synchronized long usedMb() {
        return usedMb;
    }
}
