package org.openvrm.agent.remote;

import java.util.function.IntConsumer;
import org.openvrm.driver.DriverException;
import org.openvrm.protocol.AgentLink;
import org.openvrm.protocol.wire.Messages;
import org.openvrm.protocol.wire.Tunings;
import org.openvrm.protocol.wire.Values;
import org.openvrm.protocol.wire.pb.Empty;
import org.openvrm.protocol.wire.pb.Reply;
import org.openvrm.protocol.wire.pb.Request;
import org.openvrm.protocol.wire.pb.SnapshotList;

/**
 * Answers one manager request with the local agent: the one place where a request kind meets an agent call. A
 * command goes through the agent's own deduplication by command id, so a resent command is answered, not rerun.
 */
final class RequestHandler {

    private final AgentLink agent;

    RequestHandler(AgentLink agent) {
        this.agent = agent;
    }

    Reply answer(Request r, IntConsumer progress) {
        var reply = Reply.newBuilder().setCorrelationId(r.getCorrelationId());
        try {
            switch (r.getKindCase()) {
                case EXECUTE -> reply.setOutcome(Messages.outcome(agent.execute(Messages.command(r.getExecute()),
                        progress::accept)));
                case DOMAIN -> reply.setDomain(Values.domain(agent.domain(r.getDomain())));
                case REPORT -> reply.setReport(Values.report(agent.report()));
                case VNC -> reply.setVnc(Values.vnc(agent.vnc(r.getVnc())));
                case CONSOLE_OUTPUT -> reply.setConsoleOutput(agent.consoleOutput(r.getConsoleOutput().getVmId(),
                        r.getConsoleOutput().getMaxBytes()));
                case GUEST_INFO -> reply.setGuestInfo(Values.guest(agent.guestInfo(r.getGuestInfo())));
                case SNAPSHOTS -> reply.setSnapshots(SnapshotList.newBuilder().addAllSnapshots(
                        agent.snapshots(r.getSnapshots()).stream().map(Values::snapshot).toList()));
                case TUNING -> reply.setTuning(Tunings.tuning(agent.tuning(r.getTuning())));
                case PING -> {
                    agent.ping();
                    reply.setPong(Empty.getDefaultInstance());
                }
                case KIND_NOT_SET -> reply.setFailure(Messages.failure(DriverException.Reason.FAILED,
                        "the request names nothing"));
            }
        } catch (DriverException e) {
            reply.setFailure(Messages.failure(e.reason(), e.getMessage()));
        } catch (RuntimeException e) {
            // a malformed request or a driver bug: the manager sees a failure, the agent goes on
            reply.setFailure(Messages.failure(DriverException.Reason.FAILED, String.valueOf(e)));
        }
        return reply.build();
    }
}
