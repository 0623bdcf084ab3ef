package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvrm.driver.sim.Specs.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.EventRecorder;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.StateChangeCause;
import org.openvrm.driver.TuningContract;

@Timeout(120)
class SimFaultsTest {

    private final SimulatedDriver driver = new SimulatedDriver(SimHostConfig.of("sim-faults", 4, 2000, 4096));
    private final SimFaults faults = driver.faults();

    @AfterEach
    void close() {
        driver.close();
    }

    private static Consumer<DriverException> reason(Reason expected) {
        return e -> assertThat(e.reason()).isEqualTo(expected);
    }

    private PowerState stateOf(String vmId) {
        return driver.domain(vmId).orElseThrow().state();
    }

    /** Puts "a" where {@code op} would change something, so a failure that changes nothing is visible. */
    private Optional<PowerState> prepareFor(Op op) {
        switch (op) {
            case DEFINE -> { }
            case START, UNDEFINE -> driver.define(spec("a"), ProgressSink.NONE);
            case RESUME -> {
                driver.define(spec("a"), ProgressSink.NONE);
                driver.start("a", ProgressSink.NONE);
                driver.suspend("a", ProgressSink.NONE);
            }
            case SHUTDOWN, DESTROY, REBOOT, SUSPEND, SNAPSHOT, HIBERNATE, GROW_DISK, TUNE -> {
                driver.define(spec("a"), ProgressSink.NONE);
                driver.start("a", ProgressSink.NONE);
            }
            case REVERT, DELETE_SNAPSHOT -> {
                driver.define(spec("a"), ProgressSink.NONE);
                driver.snapshot("a", "s1", ProgressSink.NONE);
                driver.start("a", ProgressSink.NONE);
            }
        }
        return driver.domain("a").map(DomainStatus::state);
    }

    private void call(Op op) {
        switch (op) {
            case DEFINE -> driver.define(spec("a"), ProgressSink.NONE);
            case START -> driver.start("a", ProgressSink.NONE);
            case SHUTDOWN -> driver.shutdown("a", 10_000, ProgressSink.NONE);
            case DESTROY -> driver.destroy("a", ProgressSink.NONE);
            case REBOOT -> driver.reboot("a", ProgressSink.NONE);
            case SUSPEND -> driver.suspend("a", ProgressSink.NONE);
            case RESUME -> driver.resume("a", ProgressSink.NONE);
            case UNDEFINE -> driver.undefine("a", ProgressSink.NONE);
            case SNAPSHOT -> driver.snapshot("a", "s1", ProgressSink.NONE);
            case REVERT -> driver.revertToSnapshot("a", "s1", ProgressSink.NONE);
            case DELETE_SNAPSHOT -> driver.deleteSnapshot("a", "s1", ProgressSink.NONE);
            case HIBERNATE -> driver.hibernate("a", ProgressSink.NONE);
            case GROW_DISK -> driver.growDisk("a", Specs.DISK_ID, 4096, ProgressSink.NONE);
            case TUNE -> driver.tune("a", TuningContract.distinctTuning(spec("a")), ProgressSink.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void failNextFailsTheNextCallOnceAndChangesNothing(Op op) {
        Optional<PowerState> before = prepareFor(op);
        EventRecorder events = new EventRecorder();
        driver.addListener(events);
        faults.failNext(op, Reason.BAD_REFERENCE, "no such image: " + op);

        assertThatThrownBy(() -> call(op)).isInstanceOfSatisfying(DriverException.class, reason(Reason.BAD_REFERENCE))
                .hasMessage("no such image: " + op);
        assertThat(driver.domain("a").map(DomainStatus::state)).isEqualTo(before);
        assertThat(events.eventsOf("a")).isEmpty();
        call(op); // one-shot
    }

    @Test
    void failNextForOneDomainSparesTheOthers() {
        driver.define(spec("a"), ProgressSink.NONE);
        driver.define(spec("b"), ProgressSink.NONE);
        faults.failNext(Op.START, "b", Reason.FAILED, "qemu: cannot open disk");
        driver.start("a", ProgressSink.NONE);
        assertThatThrownBy(() -> driver.start("b", ProgressSink.NONE))
                .isInstanceOfSatisfying(DriverException.class, reason(Reason.FAILED));
        assertThat(stateOf("a")).isEqualTo(PowerState.RUNNING);
        assertThat(stateOf("b")).isEqualTo(PowerState.SHUTOFF);
    }

    @Test
    void failuresAreUsedUpInTheOrderArmed() {
        driver.define(spec("a"), ProgressSink.NONE);
        faults.failNext(Op.START, Reason.UNAVAILABLE, "first");
        faults.failNext(Op.START, Reason.RESOURCE_EXHAUSTED, "second");
        assertThatThrownBy(() -> driver.start("a", ProgressSink.NONE)).hasMessage("first");
        assertThatThrownBy(() -> driver.start("a", ProgressSink.NONE)).hasMessage("second");
        driver.start("a", ProgressSink.NONE);
        assertThat(stateOf("a")).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void aHungShutdownWaitsOutTheTimeoutThenDestroyStillWorks() {
        driver.define(spec("a"), ProgressSink.NONE);
        driver.start("a", ProgressSink.NONE);
        faults.hangShutdown(true);
        long begin = System.nanoTime();
        assertThatThrownBy(() -> driver.shutdown("a", 300, ProgressSink.NONE))
                .isInstanceOfSatisfying(DriverException.class, reason(Reason.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(stateOf("a")).isEqualTo(PowerState.RUNNING);
        driver.destroy("a", ProgressSink.NONE);
        assertThat(stateOf("a")).isEqualTo(PowerState.SHUTOFF);

        faults.hangShutdown(false);
        driver.start("a", ProgressSink.NONE);
        driver.shutdown("a", 300, ProgressSink.NONE);
        assertThat(stateOf("a")).isEqualTo(PowerState.SHUTOFF);
    }

    @Test
    void aCrashLeavesTheDomainCrashedWithACrashedEventAndFreesItsMemory() {
        EventRecorder events = new EventRecorder();
        driver.addListener(events);
        driver.define(spec("a", 4096), ProgressSink.NONE);
        driver.start("a", ProgressSink.NONE);
        faults.crash("a");
        assertThat(stateOf("a")).isEqualTo(PowerState.CRASHED);
        assertThat(events.eventsOf("a")).last()
                .isEqualTo(new EventRecorder.Event(new DomainStatus("a", PowerState.CRASHED, 1), StateChangeCause.CRASHED));
        assertThat(driver.usedMemoryMb()).isZero();
        driver.start("a", ProgressSink.NONE); // the whole host's memory is free again
        assertThat(stateOf("a")).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void aPausedDomainCanCrashAndACrashedOneCanBeUndefined() {
        driver.define(spec("a"), ProgressSink.NONE);
        driver.start("a", ProgressSink.NONE);
        driver.suspend("a", ProgressSink.NONE);
        faults.crash("a");
        assertThat(stateOf("a")).isEqualTo(PowerState.CRASHED);
        driver.undefine("a", ProgressSink.NONE);
        assertThat(driver.domain("a")).isEmpty();
    }

    @Test
    void onlyALiveDomainCanCrash() {
        driver.define(spec("a"), ProgressSink.NONE);
        assertThatThrownBy(() -> faults.crash("a")).isInstanceOfSatisfying(DriverException.class,
                reason(Reason.INVALID_STATE));
        assertThatThrownBy(() -> faults.crash("nobody")).isInstanceOfSatisfying(DriverException.class,
                reason(Reason.NOT_FOUND));
        assertThat(stateOf("a")).isEqualTo(PowerState.SHUTOFF);
    }

    @Test
    void aGuestPowerOffStopsTheDomainWithAGuestEvent() {
        EventRecorder events = new EventRecorder();
        driver.addListener(events);
        driver.define(spec("a", 1024), ProgressSink.NONE);
        driver.start("a", ProgressSink.NONE);
        faults.guestPowerOff("a");
        assertThat(stateOf("a")).isEqualTo(PowerState.SHUTOFF);
        assertThat(events.eventsOf("a")).last()
                .isEqualTo(new EventRecorder.Event(new DomainStatus("a", PowerState.SHUTOFF, 1), StateChangeCause.GUEST));
        assertThat(driver.usedMemoryMb()).isZero();
    }

    @Test
    void aPausedGuestCannotPowerItselfOff() {
        driver.define(spec("a"), ProgressSink.NONE);
        driver.start("a", ProgressSink.NONE);
        driver.suspend("a", ProgressSink.NONE);
        assertThatThrownBy(() -> faults.guestPowerOff("a")).isInstanceOfSatisfying(DriverException.class,
                reason(Reason.INVALID_STATE));
        assertThat(stateOf("a")).isEqualTo(PowerState.PAUSED);
    }

    @Test
    void whileUnavailableEveryCallFailsButGuestsGoOn() {
        driver.define(spec("a"), ProgressSink.NONE);
        driver.start("a", ProgressSink.NONE);
        faults.setUnavailable(true);
        for (Op op : Op.values()) {
            assertThatThrownBy(() -> call(op)).as("%s", op)
                    .isInstanceOfSatisfying(DriverException.class, reason(Reason.UNAVAILABLE));
        }
        assertThatThrownBy(driver::inventory).isInstanceOfSatisfying(DriverException.class,
                reason(Reason.UNAVAILABLE));
        assertThatThrownBy(driver::listDomains).isInstanceOfSatisfying(DriverException.class,
                reason(Reason.UNAVAILABLE));
        assertThatThrownBy(driver::ping).as("no heartbeat").isInstanceOfSatisfying(DriverException.class,
                reason(Reason.UNAVAILABLE));
        assertThatThrownBy(() -> driver.domain("a")).isInstanceOfSatisfying(DriverException.class,
                reason(Reason.UNAVAILABLE));
        assertThatThrownBy(() -> driver.vnc("a")).isInstanceOfSatisfying(DriverException.class,
                reason(Reason.UNAVAILABLE));
        assertThatThrownBy(() -> driver.consoleOutput("a", 100)).isInstanceOfSatisfying(DriverException.class,
                reason(Reason.UNAVAILABLE));
        assertThatThrownBy(() -> driver.guestInfo("a")).isInstanceOfSatisfying(DriverException.class,
                reason(Reason.UNAVAILABLE));
        faults.crash("a"); // QEMU can die while libvirtd is down

        faults.setUnavailable(false);
        driver.ping();
        assertThat(stateOf("a")).isEqualTo(PowerState.CRASHED);
    }

    @Test
    void clearTurnsEveryKnobOff() {
        driver.define(spec("a"), ProgressSink.NONE);
        faults.failNext(Op.START, Reason.FAILED, "armed");
        faults.hangShutdown(true);
        faults.setUnavailable(true);
        faults.clear();
        driver.start("a", ProgressSink.NONE);
        driver.shutdown("a", 10_000, ProgressSink.NONE);
        assertThat(stateOf("a")).isEqualTo(PowerState.SHUTOFF);
    }
}
