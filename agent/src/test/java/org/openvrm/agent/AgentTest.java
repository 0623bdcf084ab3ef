package org.openvrm.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.StateChangeCause;
import org.openvrm.driver.sim.Op;
import org.openvrm.driver.sim.SimHostConfig;
import org.openvrm.driver.sim.SimulatedDriver;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.AgentEvent;
import org.openvrm.protocol.CommandOutcome;

class AgentTest {

    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final SimulatedDriver driver = new SimulatedDriver(SimHostConfig.of("h", 8, 2400, 16384));
    private final Agent agent = new Agent(driver, events::add, 100);

    private static DomainSpec spec(String vmId) {
        return new DomainSpec(vmId, vmId, 1, 1, 1, 256, List.of(), List.of(), List.of("disk"));
    }

    @Test
    void aCommandIdIsAppliedOnceEvenWhenResentConcurrently() throws Exception {
        agent.execute(new AgentCommand.DefineVm("c1", spec("vm1")), ProgressSink.NONE);
        var start = new AgentCommand.StartVm("c2", "vm1");
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<CommandOutcome>> sends = List.of(pool.submit(() -> agent.execute(start, ProgressSink.NONE)),
                    pool.submit(() -> agent.execute(start, ProgressSink.NONE)),
                    pool.submit(() -> agent.execute(start, ProgressSink.NONE)));
            for (var f : sends) {
                assertThat(f.get()).isInstanceOf(CommandOutcome.Succeeded.class);
            }
        }
        // stop it, then resend the old start: a resend must not start the VM again
        agent.execute(new AgentCommand.StopVm("c3", "vm1"), ProgressSink.NONE);
        var again = agent.execute(start, ProgressSink.NONE);
        assertThat(again).isInstanceOf(CommandOutcome.Succeeded.class);
        assertThat(driver.domain("vm1").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
        long runningEvents = events.stream().map(e -> ((AgentEvent.DomainChanged) e).status().state())
                .filter(s -> s == PowerState.RUNNING).count();
        assertThat(runningEvents).as("one start happened").isEqualTo(1);
    }

    @Test
    void driverFailuresBecomeFailedOutcomesWithTheirReason() {
        driver.faults().failNext(Op.START, DriverException.Reason.RESOURCE_EXHAUSTED, "no memory");
        agent.execute(new AgentCommand.DefineVm("d1", spec("vm2")), ProgressSink.NONE);
        var outcome = agent.execute(new AgentCommand.StartVm("d2", "vm2"), ProgressSink.NONE);
        assertThat(outcome).isEqualTo(new CommandOutcome.Failed("d2", DriverException.Reason.RESOURCE_EXHAUSTED,
                "no memory"));
        var unknown = agent.execute(new AgentCommand.StartVm("d3", "nope"), ProgressSink.NONE);
        assertThat(((CommandOutcome.Failed) unknown).reason()).isEqualTo(DriverException.Reason.NOT_FOUND);
    }

    @Test
    void stateChangesNobodyAskedForAreForwardedWithTheirCause() {
        agent.execute(new AgentCommand.DefineVm("e1", spec("vm3")), ProgressSink.NONE);
        agent.execute(new AgentCommand.StartVm("e2", "vm3"), ProgressSink.NONE);
        driver.faults().crash("vm3");
        assertThat(events).last().isEqualTo(new AgentEvent.DomainChanged(
                driver.domain("vm3").orElseThrow(), StateChangeCause.CRASHED));
        assertThat(agent.report().domains()).extracting(d -> d.state()).containsExactly(PowerState.CRASHED);
    }

    @Test
    void snapshotCommandsReachTheDriverAndAResentRevertRevertsOnce() {
        agent.execute(new AgentCommand.DefineVm("s1", spec("vm4")), ProgressSink.NONE);
        agent.execute(new AgentCommand.StartVm("s2", "vm4"), ProgressSink.NONE);
        var snap = agent.execute(new AgentCommand.SnapshotVm("s3", "vm4", "snap-1"), ProgressSink.NONE);
        assertThat(snap).isInstanceOf(CommandOutcome.Succeeded.class);
        assertThat(agent.snapshots("vm4")).extracting(i -> i.snapshotId() + "/" + i.stateAtSnapshot())
                .containsExactly("snap-1/RUNNING");

        agent.execute(new AgentCommand.StopVm("s4", "vm4"), ProgressSink.NONE);
        var revert = new AgentCommand.RevertVm("s5", "vm4", "snap-1");
        var reverted = (CommandOutcome.Succeeded) agent.execute(revert, ProgressSink.NONE);
        assertThat(reverted.status().orElseThrow().state()).isEqualTo(PowerState.RUNNING);
        agent.execute(new AgentCommand.StopVm("s6", "vm4"), ProgressSink.NONE);
        agent.execute(revert, ProgressSink.NONE); // a resend of the same id is answered, not applied again
        assertThat(driver.domain("vm4").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);

        var missing = agent.execute(new AgentCommand.RevertVm("s7", "vm4", "snap-2"), ProgressSink.NONE);
        assertThat(((CommandOutcome.Failed) missing).reason()).isEqualTo(DriverException.Reason.NOT_FOUND);
        agent.execute(new AgentCommand.DeleteSnapshot("s8", "vm4", "snap-1"), ProgressSink.NONE);
        assertThat(agent.snapshots("vm4")).isEmpty();
    }

    /**
     * close() cuts a running command short, as a kill would: it is not journaled (so a restarted agent runs the
     * manager's resend of it instead of answering with this failure) and not remembered as done.
     */
    @Test
    void aCommandCutShortByCloseIsNotJournaled() throws Exception {
        List<CommandOutcome> journaled = new CopyOnWriteArrayList<>();
        var journal = new CommandJournal() {
            @Override
            public List<CommandOutcome> recent() {
                return List.of();
            }

            @Override
            public void finished(CommandOutcome outcome) {
                journaled.add(outcome);
            }
        };
        var slow = new SimulatedDriver(new SimHostConfig("slow", SimHostConfig.DEFAULT_CPU_MODEL, 1, 8, 1, 2400,
                16_384, 1, java.time.Duration.ZERO, java.util.Map.of(Op.START, java.time.Duration.ofSeconds(2)),
                java.util.Optional.empty()));
        var dying = new Agent(slow, e -> { }, 100, journal);
        dying.execute(new AgentCommand.DefineVm("k1", spec("vm5")), ProgressSink.NONE);
        var started = new java.util.concurrent.CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<CommandOutcome> start = pool.submit(() -> dying.execute(new AgentCommand.StartVm("k2", "vm5"),
                    p -> started.countDown()));
            started.await(); // the step runs
            dying.close();
            assertThat(start.get()).isInstanceOfSatisfying(CommandOutcome.Failed.class,
                    f -> assertThat(f.reason()).isEqualTo(DriverException.Reason.UNAVAILABLE));
        }
        assertThat(journaled).extracting(CommandOutcome::commandId).containsExactly("k1");
    }
}
