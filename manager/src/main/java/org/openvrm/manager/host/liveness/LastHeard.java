package org.openvrm.manager.host.liveness;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each host was last heard from, in memory only: written on every heartbeat, event and answer, so it must be
 * cheap (one map put). After a manager restart every host starts from its reconnect.
 */
public final class LastHeard {

    private final Clock clock;
    private final Map<String, Long> heardMillis = new ConcurrentHashMap<>();
    private final Set<String> linkClosed = ConcurrentHashMap.newKeySet();

    public LastHeard(Clock clock) {
        this.clock = clock;
    }

    public void heard(String hostId) {
        heardMillis.put(hostId, clock.millis());
        linkClosed.remove(hostId);
    }

    /** The host's link (a remote agent's stream) closed: it is not waited for. */
    public void linkClosed(String hostId) {
        linkClosed.add(hostId);
    }

    /** Counts the host as heard now unless it has been heard already (a host just connected by other means). */
    void heardIfNever(String hostId) {
        heardMillis.putIfAbsent(hostId, clock.millis());
    }

    /**
     * A host never heard since the manager started (a remote one waiting for its agent to dial back): its link counts
     * as closed now, so its silence runs from here. Does nothing to a host heard already.
     */
    void closedNowIfNeverHeard(String hostId) {
        // atomic against heard()'s put of the same key: either it comes after (and clears the flag) or we do nothing
        heardMillis.computeIfAbsent(hostId, id -> {
            linkClosed.add(id);
            return clock.millis();
        });
    }

    OptionalLong lastHeardMillis(String hostId) {
        Long t = heardMillis.get(hostId);
        return t == null ? OptionalLong.empty() : OptionalLong.of(t);
    }

    boolean isLinkClosed(String hostId) {
        return linkClosed.contains(hostId);
    }

    void forget(String hostId) {
        heardMillis.remove(hostId);
        linkClosed.remove(hostId);
    }
}
