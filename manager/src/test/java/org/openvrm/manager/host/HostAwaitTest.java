package org.openvrm.manager.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.Tuning;
import org.openvrm.driver.VncEndpoint;
import org.openvrm.manager.task.StopSignal;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.AgentLink;
import org.openvrm.protocol.CommandOutcome;
import org.openvrm.protocol.HostReport;

/**
 * The wait-and-resend rule on its own, with links and host states the test sets: when a command is sent again
 * (same id), when it is not, and every way a wait ends. The later states are set from a second thread; the test
 * asserts what was sent and answered, never how long anything took.
 */
class HostAwaitTest {

    private static final String H = "host-1";
    private static final AgentCommand START = new AgentCommand.StartVm("task-1/vm.start", "vm-1");

    private final Map<String, HostRecord> hosts = new ConcurrentHashMap<>();
    private final Map<String, AgentLink> links = new ConcurrentHashMap<>();
    private final StopSignal stop = new StopSignal();

    private HostAwait await(Duration bound) {
        Function<String, Optional<HostRecord>> h = id -> Optional.ofNullable(hosts.get(id));
        return new HostAwait(h, id -> Optional.ofNullable(links.get(id)), stop, bound, Duration.ofMillis(10));
    }

    private void host(String driver, HostState state) {
        hosts.put(H, new HostRecord(H, "h1", "c1", driver, state, null, null, null, Instant.EPOCH, Instant.EPOCH));
    }

    /** Later, from another thread, as a session or the liveness monitor would. */
    private static void later(Runnable r) {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.run();
        });
    }

    @Test
    void aCommandWhoseSessionEndsBeforeItsAnswerIsSentAgainWithTheSameIdWhenTheHostIsBack() {
        host(HostRecord.REMOTE, HostState.CONNECTED);
        var first = new FakeLink(true); // its session ends under the command
        var second = new FakeLink(false);
        links.put(H, first);
        first.onExecute = () -> {
            links.remove(H);
            host(HostRecord.REMOTE, HostState.DISCONNECTED);
            later(() -> {
                links.put(H, second); // the agent dialled back; not yet reconciled
                later(() -> host(HostRecord.REMOTE, HostState.CONNECTED));
            });
        };
        var stateWhenResent = new java.util.concurrent.atomic.AtomicReference<HostState>();
        second.onExecute = () -> stateWhenResent.set(hosts.get(H).state());
        var outcome = await(Duration.ofMinutes(5)).execute(H, START, ProgressSink.NONE);
        assertThat(outcome).isInstanceOf(CommandOutcome.Succeeded.class);
        assertThat(first.sent).containsExactly(START);
        assertThat(second.sent).as("the same command id, sent again").containsExactly(START);
        assertThat(stateWhenResent.get()).as("only once the host was reconciled").isEqualTo(HostState.CONNECTED);
    }

    @Test
    void aHostThatFailsWhileACommandWaitsEndsItUnavailableWithoutSendingIt() {
        host(HostRecord.REMOTE, HostState.DISCONNECTED); // e.g. a restarted manager's host, not dialled back yet
        later(() -> host(HostRecord.REMOTE, HostState.FAILED));
        var outcome = await(Duration.ofMinutes(5)).execute(H, START, ProgressSink.NONE);
        assertThat(outcome).isInstanceOfSatisfying(CommandOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(DriverException.Reason.UNAVAILABLE);
            assertThat(f.commandId()).isEqualTo(START.commandId());
            assertThat(f.message()).contains("FAILED");
        });
    }

    /** A session that died without saying so: the call hangs, liveness FAILS the host, the answer is given up. */
    @Test
    void aCommandHangingOnADeadSessionIsGivenUpWhenItsHostFails() {
        host(HostRecord.REMOTE, HostState.CONNECTED);
        var hung = new FakeLink(false);
        var release = new java.util.concurrent.CountDownLatch(1);
        hung.onExecute = () -> {
            later(() -> host(HostRecord.REMOTE, HostState.FAILED));
            try {
                release.await(); // no answer, ever, until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        links.put(H, hung);
        try {
            assertThat(await(Duration.ofMinutes(5)).execute(H, START, ProgressSink.NONE))
                    .isInstanceOfSatisfying(CommandOutcome.Failed.class, f -> {
                        assertThat(f.reason()).isEqualTo(DriverException.Reason.UNAVAILABLE);
                        assertThat(f.message()).contains("went FAILED while the command was in flight");
                    });
            assertThat(hung.sent).containsExactly(START);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRemovedHostAndTheBoundEndTheWaitToo() {
        host(HostRecord.REMOTE, HostState.DISCONNECTED);
        later(() -> hosts.remove(H));
        assertThat(await(Duration.ofMinutes(5)).execute(H, START, ProgressSink.NONE))
                .isInstanceOfSatisfying(CommandOutcome.Failed.class, f -> assertThat(f.message()).contains("removed"));

        host(HostRecord.REMOTE, HostState.CONNECTING); // a host liveness does not watch: only the bound ends it
        assertThat(await(Duration.ofMillis(200)).execute(H, START, ProgressSink.NONE))
                .isInstanceOfSatisfying(CommandOutcome.Failed.class, f -> assertThat(f.message())
                        .contains("did not come back"));
    }

    @Test
    void aStoppingManagerEndsTheWaitRecordingNothing() {
        host(HostRecord.REMOTE, HostState.DISCONNECTED);
        later(stop::stop);
        assertThatThrownBy(() -> await(Duration.ofMinutes(5)).execute(H, START, ProgressSink.NONE))
                .isInstanceOf(StopSignal.Stopping.class);
    }

    @Test
    void anInProcessAgentsAnswerIsFinalWhateverItsHostsState() {
        host(HostRecord.LIBVIRT, HostState.DISCONNECTED); // libvirtd down: pings fail, the agent still answers
        var agent = new FakeLink(false);
        agent.answer = new CommandOutcome.Failed(START.commandId(), DriverException.Reason.UNAVAILABLE, "no libvirtd");
        links.put(H, agent);
        assertThat(await(Duration.ofMinutes(5)).execute(H, START, ProgressSink.NONE)).isEqualTo(agent.answer);
        assertThat(agent.sent).as("sent once, not waited for").containsExactly(START);
    }

    /** A link whose command answer the test sets; {@code closes}: its session ends under the command. */
    private static final class FakeLink implements AgentLink {
        final List<AgentCommand> sent = new CopyOnWriteArrayList<>();
        final boolean closes;
        volatile boolean open = true;
        volatile Runnable onExecute = () -> { };
        volatile CommandOutcome answer = new CommandOutcome.Succeeded(START.commandId(), Optional.empty());

        FakeLink(boolean closes) {
            this.closes = closes;
        }

        @Override
        public CommandOutcome execute(AgentCommand command, ProgressSink progress) {
            sent.add(command);
            onExecute.run();
            if (closes) {
                open = false;
                return new CommandOutcome.Failed(command.commandId(), DriverException.Reason.UNAVAILABLE,
                        "agent session closed");
            }
            return answer;
        }

        @Override
        public boolean open() {
            return open;
        }

        @Override
        public Optional<DomainStatus> domain(String vmId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HostReport report() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void ping() {
        }

        @Override
        public Optional<VncEndpoint> vnc(String vmId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String consoleOutput(String vmId, int maxBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public GuestInfo guestInfo(String vmId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Tuning tuning(String vmId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SnapshotInfo> snapshots(String vmId) {
            throw new UnsupportedOperationException();
        }
    }
}
