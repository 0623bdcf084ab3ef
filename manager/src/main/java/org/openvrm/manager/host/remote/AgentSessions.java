package org.openvrm.manager.host.remote;

import org.openvrm.manager.host.HostRecord;
import org.openvrm.protocol.AgentEvent;
import org.openvrm.protocol.HostReport;

/**
 * What the manager does as remote agents come and go. The gateway calls these from the session's own stream
 * thread, in the order things arrive, except {@link #opened}, which runs on a virtual thread of its own because
 * it talks back to the agent (reconciling asks over the same stream whose replies must keep flowing).
 */
public interface AgentSessions {

    /** A session began (its Hello arrived): attach the link, then report, reconcile, CONNECTED. */
    void opened(HostRecord host, RemoteAgentLink link, HostReport hello);

    /**
     * Something arrived from this host: the one place where "the host is alive" is known. Liveness (heartbeats,
     * DISCONNECTED to FAILED) hangs its {@code HostMonitor.heard(hostId)} here.
     */
    void heard(String hostId);

    /** An event the agent sent unasked. */
    void event(String hostId, AgentEvent event);

    /** The session's stream closed, for whatever reason: the host is DISCONNECTED at once. */
    void closed(String hostId, RemoteAgentLink link, String reason);
}
