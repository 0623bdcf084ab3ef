package org.openvrm.manager.host.remote;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.manager.host.HostTasks;
import org.openvrm.manager.host.liveness.HostMonitor;
import org.openvrm.manager.task.TaskFailure;
import org.openvrm.protocol.AgentEvent;
import org.openvrm.protocol.HostReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Remote agents' sessions, turned into the manager's host life: the existing connect and reconcile path. */
public final class RemoteHosts implements AgentSessions {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteHosts.class);

    private final HostTasks hostTasks;
    private final BiConsumer<String, AgentEvent> events;
    private final Consumer<String> guestsUnwatched;
    private final HostMonitor liveness;
    /** Each host's latest session: an older one still open when a newer begins is ended (see opened). */
    private final Map<String, RemoteAgentLink> latest = new ConcurrentHashMap<>();

    /**
     * @param guestsUnwatched forgets the guest facts of a host whose session ended (nobody watches them now)
     * @param liveness told of every sign of life and of every session's end
     */
    public RemoteHosts(HostTasks hostTasks, BiConsumer<String, AgentEvent> events, Consumer<String> guestsUnwatched,
                       HostMonitor liveness) {
        this.hostTasks = hostTasks;
        this.events = events;
        this.guestsUnwatched = guestsUnwatched;
        this.liveness = liveness;
    }

    @Override
    public void opened(HostRecord host, RemoteAgentLink link, HostReport hello) {
        LOG.info("agent of host {} connected, {} domains", host.name(), hello.domains().size());
        RemoteAgentLink older = latest.put(host.id(), link);
        if (older != null && older != link) {
            // The agent redialled while its old connection still looked open here (a half-open TCP connection
            // after a partition): that session is dead. Ending it fails its calls in flight, so their tasks send
            // them again on this session (HostAwait) instead of waiting for a reply that can no longer come.
            older.superseded();
        }
        try {
            hostTasks.remoteOpened(host.id(), link);
        } catch (TaskFailure e) {
            LOG.warn("{}", e.getMessage()); // the host is FAILED with the reason; the agent may retry
        } catch (RuntimeException e) {
            LOG.error("connecting host {} failed", host.name(), e);
        }
    }

    @Override
    public void heard(String hostId) {
        liveness.heard(hostId); // every message counts as a sign of life
    }

    @Override
    public void event(String hostId, AgentEvent event) {
        events.accept(hostId, event);
    }

    @Override
    public void closed(String hostId, RemoteAgentLink link, String reason) {
        LOG.info("agent session of host {} closed: {}", hostId, reason);
        latest.remove(hostId, link);
        // facts first: whoever sees the host DISCONNECTED must not still see its guests' facts as watched, and a
        // closed link makes the next liveness tick DISCONNECT it at once, before remoteClosed below may have run
        guestsUnwatched.accept(hostId);
        liveness.linkClosed(hostId);
        hostTasks.remoteClosed(hostId, link, reason);
    }
}
