package org.openvrm.manager.host.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.PowerState;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.CommandOutcome;
import org.openvrm.protocol.wire.Messages;
import org.openvrm.protocol.wire.Values;
import org.openvrm.protocol.wire.pb.ManagerMessage;
import org.openvrm.protocol.wire.pb.Progress;
import org.openvrm.protocol.wire.pb.Reply;

/** The manager's end of a session, with the stream replaced by a list: correlation, progress, and a dropped stream. */
class RemoteAgentLinkTest {

    private final List<ManagerMessage> sent = new CopyOnWriteArrayList<>();
    private final List<Throwable> ended = new CopyOnWriteArrayList<>();
    private final StreamObserver<ManagerMessage> stream = new StreamObserver<>() {
        @Override
        public void onNext(ManagerMessage m) {
            sent.add(m);
        }

        @Override
        public void onError(Throwable t) {
            ended.add(t);
        }

        @Override
        public void onCompleted() {
        }
    };
    /** Calls block until answered: never on the common pool, which has one thread on a 2-core machine. */
    private static final java.util.concurrent.Executor VIRTUAL = r -> Thread.ofVirtual().start(r);

    private final RemoteAgentLink link = new RemoteAgentLink("host-1", stream, Duration.ofSeconds(30),
            Duration.ofSeconds(30));

    private ManagerMessage awaitSent(int n) throws InterruptedException {
        for (int i = 0; i < 500 && sent.size() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(sent).hasSizeGreaterThanOrEqualTo(n);
        return sent.get(n - 1);
    }

    @Test
    void aReplyAnswersTheCallWithItsCorrelationIdAndProgressReachesTheSink() throws Exception {
        List<Integer> progress = new CopyOnWriteArrayList<>();
        var call = CompletableFuture.supplyAsync(() -> link.execute(new AgentCommand.StartVm("c1", "vm-1"),
                progress::add), VIRTUAL);
        var request = awaitSent(1).getRequest();
        assertThat(Messages.command(request.getExecute())).isEqualTo(new AgentCommand.StartVm("c1", "vm-1"));
        link.progressed(Progress.newBuilder().setCorrelationId(request.getCorrelationId()).setPercent(40).build());
        var outcome = new CommandOutcome.Succeeded("c1", Optional.of(new DomainStatus("vm-1", PowerState.RUNNING, 1)));
        link.replied(Reply.newBuilder().setCorrelationId(request.getCorrelationId() + 99)
                .setOutcome(Messages.outcome(new CommandOutcome.Succeeded("other", Optional.empty()))).build());
        assertThat(call).as("a reply to another id answers nothing").isNotDone();
        link.replied(Reply.newBuilder().setCorrelationId(request.getCorrelationId())
                .setOutcome(Messages.outcome(outcome)).build());
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(outcome);
        assertThat(progress).containsExactly(40);
    }

    @Test
    void aDroppedStreamFailsCallsInFlightAndLaterAsHostUnavailable() throws Exception {
        var command = CompletableFuture.supplyAsync(() -> link.execute(new AgentCommand.StopVm("c2", "vm-1"),
                p -> { }), VIRTUAL);
        var query = CompletableFuture.supplyAsync(() -> link.domain("vm-1"), VIRTUAL);
        awaitSent(2);
        link.closed("stream failed: UNAVAILABLE");
        assertThat(command.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(CommandOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(DriverException.Reason.UNAVAILABLE);
            assertThat(f.message()).contains("host host-1 unavailable");
        });
        assertThatThrownBy(() -> query.join()).hasCauseInstanceOf(DriverException.class)
                .hasMessageContaining("unavailable");
        assertThatThrownBy(() -> link.report()).isInstanceOfSatisfying(DriverException.class,
                e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.UNAVAILABLE));
    }

    @Test
    void aQueryTheAgentFailedIsTheDriversError() throws Exception {
        var query = CompletableFuture.supplyAsync(() -> link.snapshots("vm-9"), VIRTUAL);
        var request = awaitSent(1).getRequest();
        link.replied(Reply.newBuilder().setCorrelationId(request.getCorrelationId())
                .setFailure(Messages.failure(DriverException.Reason.NOT_FOUND, "no domain vm-9")).build());
        assertThatThrownBy(query::join).hasCauseInstanceOf(DriverException.class)
                .hasMessageContaining("no domain vm-9");
        // and an answer of the wrong kind is a clear failure, not a crash
        var wrong = CompletableFuture.supplyAsync(() -> link.domain("vm-1"), VIRTUAL);
        var r2 = awaitSent(2).getRequest();
        link.replied(Reply.newBuilder().setCorrelationId(r2.getCorrelationId())
                .setVnc(Values.vnc(Optional.empty())).build());
        assertThatThrownBy(wrong::join).hasMessageContaining("answered VNC to a DOMAIN request");
    }

    /**
     * A newer session of the host supersedes this one (it looked open, but its agent redialled): the command in
     * flight fails UNAVAILABLE at once and the link says it is no longer open, which is how HostAwait knows to send
     * the same command again on the new session; the old stream is ended with ABORTED.
     */
    @Test
    void aSupersededSessionFailsItsCommandsInFlightAndIsNoLongerOpen() throws Exception {
        assertThat(link.open()).isTrue();
        var command = CompletableFuture.supplyAsync(() -> link.execute(new AgentCommand.StartVm("c3", "vm-1"),
                p -> { }), VIRTUAL);
        awaitSent(1);
        link.superseded();
        assertThat(command.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(CommandOutcome.Failed.class,
                f -> assertThat(f.reason()).isEqualTo(DriverException.Reason.UNAVAILABLE));
        assertThat(link.open()).isFalse();
        assertThat(ended).singleElement().satisfies(t -> assertThat(io.grpc.Status.fromThrowable(t).getCode())
                .isEqualTo(io.grpc.Status.Code.ABORTED));
        link.superseded(); // twice is once
        assertThat(ended).hasSize(1);
    }
}
