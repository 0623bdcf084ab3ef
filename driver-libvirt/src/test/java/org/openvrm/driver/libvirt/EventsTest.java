package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.libvirt.event.DomainEventType;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.StateChangeCause;
import org.openvrm.driver.libvirt.Requests.Verdict;

/** EventMapper's table and how Requests tells our events from the others. */
class EventsTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
            "STARTED, BOOTED, RUNNING, DISCOVERED",
            "STARTED, WAKEUP, RUNNING, GUEST",
            "RESUMED, UNPAUSED, RUNNING, DISCOVERED",
            "SUSPENDED, PAUSED, PAUSED, DISCOVERED",
            "SUSPENDED, IOERROR, PAUSED, GUEST",
            "STOPPED, SHUTDOWN, SHUTOFF, GUEST",
            "STOPPED, DESTROYED, SHUTOFF, DISCOVERED",
            "STOPPED, SAVED, HIBERNATED, DISCOVERED",     // managed save (our hibernate tells it REQUESTED)
            "STARTED, RESTORED, RUNNING, DISCOVERED",
            "STOPPED, FAILED, CRASHED, CRASHED",
            "STOPPED, CRASHED, CRASHED, CRASHED",
            "CRASHED, PANICKED, CRASHED, CRASHED",
            "DEFINED, ADDED, SHUTOFF, DISCOVERED",
            "PMSUSPENDED, MEMORY, PAUSED, GUEST",
    })
    void mapsPowerChanges(DomainEventType type, String detail, PowerState state, StateChangeCause cause) {
        assertThat(EventMapper.map(type, detail)).contains(new EventMapper.Mapped(state, cause));
    }

    @ParameterizedTest(name = "{0} {1} -> nothing")
    @CsvSource({"SHUTDOWN, FINISHED", "DEFINED, UPDATED", "UNDEFINED, REMOVED", "UNKNOWN, UNKNOWN"})
    void ignoresTheRest(DomainEventType type, String detail) {
        assertThat(EventMapper.map(type, detail)).isEmpty();
    }

    private final AtomicLong now = new AtomicLong();
    private final Requests requests = new Requests(Duration.ofSeconds(30), now::get);

    @Test
    void everyEventDuringACallIsOurs() {
        Requests.Ticket t = requests.begin("d", PowerState.RUNNING, false);
        assertThat(requests.classify("d", PowerState.RUNNING)).isEqualTo(Verdict.OURS);
        assertThat(requests.classify("d", PowerState.PAUSED)).isEqualTo(Verdict.OURS);
        assertThat(requests.classify("other", PowerState.RUNNING)).isEqualTo(Verdict.NOT_OURS);
        requests.end(t, false);
        assertThat(requests.classify("d", PowerState.RUNNING)).isEqualTo(Verdict.NOT_OURS);
    }

    @Test
    void aLateEventOfTheTargetIsOursOnceWithinTheLinger() {
        requests.end(requests.begin("d", PowerState.SHUTOFF, false), true);
        assertThat(requests.classify("d", PowerState.RUNNING)).isEqualTo(Verdict.NOT_OURS);
        assertThat(requests.classify("d", PowerState.SHUTOFF)).isEqualTo(Verdict.OURS);
        assertThat(requests.classify("d", PowerState.SHUTOFF)).isEqualTo(Verdict.NOT_OURS);

        requests.end(requests.begin("d", PowerState.SHUTOFF, false), true);
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(requests.classify("d", PowerState.SHUTOFF)).as("expired").isEqualTo(Verdict.NOT_OURS);
    }

    @Test
    void anEventThatCameDuringTheCallLeavesNoExpectationBehind() {
        Requests.Ticket t = requests.begin("d", PowerState.SHUTOFF, false);
        assertThat(requests.classify("d", PowerState.SHUTOFF)).isEqualTo(Verdict.OURS);
        requests.end(t, true);
        // e.g. the guest is started again and powers itself off a few seconds later: that is not ours
        assertThat(requests.classify("d", PowerState.SHUTOFF)).isEqualTo(Verdict.NOT_OURS);
    }

    @Test
    void aQuietCallHidesItsIntermediateEventsEvenLate() {
        Requests.Ticket t = requests.begin("d", PowerState.SHUTOFF, true);
        assertThat(requests.classify("d", PowerState.RUNNING)).isEqualTo(Verdict.OURS_HIDDEN);
        requests.end(t, true);
        assertThat(requests.classify("d", PowerState.PAUSED)).isEqualTo(Verdict.OURS_HIDDEN);
        assertThat(requests.classify("d", PowerState.SHUTOFF)).isEqualTo(Verdict.OURS);
        assertThat(requests.classify("d", PowerState.RUNNING)).isEqualTo(Verdict.NOT_OURS);
    }

    @Test
    void unknownDetailsStillMap() {
        assertThat(EventMapper.map(DomainEventType.STOPPED, null))
                .isEqualTo(Optional.of(new EventMapper.Mapped(PowerState.SHUTOFF, StateChangeCause.DISCOVERED)));
    }
}
