package org.openvrm.manager.host.remote;

import io.grpc.stub.StreamObserver;
import org.openvrm.manager.host.HostRecord;
import org.openvrm.protocol.wire.Messages;
import org.openvrm.protocol.wire.Values;
import org.openvrm.protocol.wire.pb.AgentMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's end of one agent's stream: what the agent sends, in order. Replies and progress go to the link's
 * waiting calls, events to the manager; nothing an agent sends can make the manager act (there is no command
 * case in {@link AgentMessage}).
 */
final class AgentSession implements StreamObserver<AgentMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);

    private final HostRecord host;
    private final RemoteAgentLink link;
    private final AgentSessions sessions;
    private boolean helloSeen;
    private boolean ended;

    AgentSession(HostRecord host, RemoteAgentLink link, AgentSessions sessions) {
        this.host = host;
        this.link = link;
        this.sessions = sessions;
    }

    @Override
    public void onNext(AgentMessage m) {
        // A failed answer (e.g. to a heartbeat while the host's libvirtd is down) is no sign of a working host.
        if (!(m.hasReply() && m.getReply().hasFailure())) {
            sessions.heard(host.id());
        }
        try {
            switch (m.getKindCase()) {
                case HELLO -> {
                    if (!helloSeen) {
                        helloSeen = true;
                        var report = Values.report(m.getHello().getReport());
                        Thread.ofVirtual().name("agent-connect-" + host.id())
                                .start(() -> sessions.opened(host, link, report));
                    }
                }
                case REPLY -> link.replied(m.getReply());
                case PROGRESS -> link.progressed(m.getProgress());
                case EVENT -> sessions.event(host.id(), Messages.event(m.getEvent()));
                case KIND_NOT_SET -> LOG.warn("host {} sent an empty message", host.name());
            }
        } catch (IllegalArgumentException e) {
            // a malformed message is dropped, the session stays: one bad event must not disconnect a host
            LOG.warn("host {} sent a malformed message: {}", host.name(), e.getMessage());
        }
    }

    @Override
    public void onError(Throwable t) {
        end("stream failed: " + io.grpc.Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        end("agent closed the session");
        link.completeStream();
    }

    private synchronized void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        link.closed(reason);
        sessions.closed(host.id(), link, reason);
    }
}
