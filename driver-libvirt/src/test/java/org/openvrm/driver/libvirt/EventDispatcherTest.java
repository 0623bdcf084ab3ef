package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.libvirt.event.DomainEventType;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.StateChangeCause;
import org.openvrm.driver.libvirt.EventDispatcher.Identity;

/** What listeners are told: repeats dropped, but after a reconnect every domain's state is told (again). */
class EventDispatcherTest {

    record Told(DomainStatus status, StateChangeCause cause) {
    }

    private final BlockingQueue<Told> told = new LinkedBlockingQueue<>();
    private final EventDispatcher dispatcher = new EventDispatcher(
            new Requests(Duration.ofSeconds(30), System::nanoTime),
            name -> Optional.of(new Identity("vm-" + name, 1)));

    EventDispatcherTest() {
        dispatcher.addListener((status, cause) -> told.add(new Told(status, cause)));
    }

    @AfterEach
    void close() {
        dispatcher.close();
    }

    @Test
    void aRepeatedStateIsDroppedButARediscoveredOneIsToldAgain() throws InterruptedException {
        dispatcher.submit(new EventDispatcher.Raw("a", DomainEventType.STARTED, "BOOTED"));
        assertThat(next()).isEqualTo(new Told(running("vm-a"), StateChangeCause.DISCOVERED));

        dispatcher.submit(new EventDispatcher.Raw("a", DomainEventType.RESUMED, "UNPAUSED")); // RUNNING again
        dispatcher.discovered("a", running("vm-a")); // after a reconnect: told even though unchanged
        assertThat(next()).isEqualTo(new Told(running("vm-a"), StateChangeCause.DISCOVERED));
        assertThat(told.poll(200, TimeUnit.MILLISECONDS)).as("the RESUMED repeat was dropped").isNull();
    }

    @Test
    void aRediscoveryAlsoTellsADomainNeverToldOfAndCountsAsToldAfterwards() throws InterruptedException {
        DomainStatus off = new DomainStatus("vm-b", PowerState.SHUTOFF, 1);
        dispatcher.discovered("b", off);
        assertThat(next()).isEqualTo(new Told(off, StateChangeCause.DISCOVERED));

        dispatcher.submit(new EventDispatcher.Raw("b", DomainEventType.STOPPED, "DESTROYED")); // SHUTOFF again
        dispatcher.submit(new EventDispatcher.Raw("b", DomainEventType.STARTED, "BOOTED"));
        assertThat(next()).as("the repeat was dropped").isEqualTo(new Told(running("vm-b"),
                StateChangeCause.DISCOVERED));
    }

    @Test
    void everyStopIsHandedOnSoWhatLivedWithQemuCanBeReleasedEvenWhenItIsNotTold() throws InterruptedException {
        BlockingQueue<String> gone = new LinkedBlockingQueue<>();
        EventDispatcher withRelease = new EventDispatcher(new Requests(Duration.ofSeconds(30), System::nanoTime),
                name -> Optional.of(new Identity("vm-" + name, 1)), gone::add);
        try {
            withRelease.submit(new EventDispatcher.Raw("c", DomainEventType.STARTED, "BOOTED"));
            withRelease.submit(new EventDispatcher.Raw("c", DomainEventType.SUSPENDED, "PAUSED"));
            withRelease.submit(new EventDispatcher.Raw("c", DomainEventType.STOPPED, "CRASHED"));
            withRelease.submit(new EventDispatcher.Raw("c", DomainEventType.STOPPED, "DESTROYED"));
            withRelease.submit(new EventDispatcher.Raw("c", DomainEventType.STOPPED, "DESTROYED")); // not told
            withRelease.submit(new EventDispatcher.Raw("d", DomainEventType.STOPPED, "SAVED"));
            assertThat(gone.poll(10, TimeUnit.SECONDS)).isEqualTo("c");
            assertThat(gone.poll(10, TimeUnit.SECONDS)).as("every stop, one after another").isEqualTo("c");
            assertThat(gone.poll(10, TimeUnit.SECONDS)).as("a repeated stop too, though not told").isEqualTo("c");
            assertThat(gone.poll(10, TimeUnit.SECONDS)).isEqualTo("d");
            assertThat(gone.poll(200, TimeUnit.MILLISECONDS)).as("starts and pauses are not stops").isNull();
        } finally {
            withRelease.close();
        }
    }

    private Told next() throws InterruptedException {
        Told t = told.poll(10, TimeUnit.SECONDS);
        assertThat(t).as("a listener call").isNotNull();
        return t;
    }

    private static DomainStatus running(String vmId) {
        return new DomainStatus(vmId, PowerState.RUNNING, 1);
    }
}
