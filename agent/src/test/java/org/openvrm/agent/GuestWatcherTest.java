package org.openvrm.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.GuestInterface;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.sim.SimHostConfig;
import org.openvrm.driver.sim.SimulatedDriver;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.AgentEvent;

class GuestWatcherTest {

    private final List<AgentEvent.GuestChanged> guestEvents = new CopyOnWriteArrayList<>();
    private final SimulatedDriver driver = new SimulatedDriver(SimHostConfig.of("h", 8, 2400, 16384));
    private final Agent agent = new Agent(driver, e -> { }, 100);
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void close() {
        ticks.shutdownNow();
        agent.close();
    }

    private void defineAndStart(String vmId, String mac) {
        var nic = new DomainSpec.NicSpec(mac, "br0", "virtio");
        agent.execute(new AgentCommand.DefineVm(vmId + "/define", new DomainSpec(vmId, "guest-" + vmId, 1, 1, 1, 256,
                List.of(), List.of(nic), List.of("disk"))), ProgressSink.NONE);
        agent.execute(new AgentCommand.StartVm(vmId + "/start", vmId), ProgressSink.NONE);
    }

    private GuestWatcher watcher(Duration interval) {
        return new GuestWatcher(agent, e -> guestEvents.add((AgentEvent.GuestChanged) e), ticks, interval);
    }

    @Test
    void reportsAChangeOnceAndNoneOnceWhenTheDomainStops() {
        defineAndStart("vm1", "52:54:00:0a:0b:0c");
        // an hour between ticks: this test drives the polls itself, so it can tell "no event" from "not yet"
        GuestWatcher w = watcher(Duration.ofHours(1));

        w.poll();
        await(() -> guestEvents.size() == 1 && w.idle());
        var expected = new GuestInfo(true, Optional.of("guest-vm1"),
                List.of(new GuestInterface("eth0", "52:54:00:0a:0b:0c", List.of("10.10.11.12/8")))); // 0x0a.0x0b.0x0c
        assertThat(guestEvents).containsExactly(new AgentEvent.GuestChanged("vm1", expected));

        w.poll();
        w.poll();
        await(w::idle);
        assertThat(guestEvents).as("an unchanged answer is not sent again").hasSize(1);

        agent.execute(new AgentCommand.StopVm("vm1/stop", "vm1"), ProgressSink.NONE);
        w.poll();
        w.poll();
        await(w::idle);
        assertThat(guestEvents).containsExactly(new AgentEvent.GuestChanged("vm1", expected),
                new AgentEvent.GuestChanged("vm1", GuestInfo.NONE));
        w.close();
    }

    @Test
    void closingSaysNoneForWhatItHadReportedAndThenNothingMore() {
        defineAndStart("vm4", "52:54:00:00:00:04");
        GuestWatcher w = watcher(Duration.ofHours(1));
        w.poll();
        await(() -> guestEvents.size() == 1 && w.idle());

        w.close();
        assertThat(guestEvents).last().isEqualTo(new AgentEvent.GuestChanged("vm4", GuestInfo.NONE));
        w.poll();
        await(w::idle);
        assertThat(guestEvents).as("a closed watcher reports nothing").hasSize(2);
    }

    @Test
    void aDomainThatNeverAnsweredSendsNothing() {
        agent.execute(new AgentCommand.DefineVm("d", new DomainSpec("vm2", "vm2", 1, 1, 1, 256, List.of(),
                List.of(), List.of("disk"))), ProgressSink.NONE);
        GuestWatcher w = watcher(Duration.ofHours(1));
        w.poll();
        await(w::idle);
        assertThat(guestEvents).as("a stopped domain has no agent; NONE is what the manager assumes").isEmpty();
        w.close();
    }

    @Test
    void theScheduleFindsAGuestByItself() {
        GuestWatcher w = watcher(Duration.ofMillis(20));
        defineAndStart("vm3", "52:54:00:00:00:03");
        await(() -> !guestEvents.isEmpty());
        assertThat(guestEvents.getFirst().info().hostname()).contains("guest-vm3");
        w.close();
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
