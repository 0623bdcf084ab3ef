package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvrm.driver.sim.Specs.spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.EventRecorder;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressRecorder;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.StateChangeCause;

/** Steps take real time, report progress, and announce exactly the changes they make. Only lower time bounds. */
@Timeout(120)
class SimulatedDriverStepTest {

    private static final List<Integer> TICKS = List.of(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);

    private static SimulatedDriver driver(Op op, Duration delay) {
        return new SimulatedDriver(SimHostConfig.of("sim-step", 4, 2000, 8192).withStepDelay(op, delay));
    }

    @Test
    void aStepTakesItsDelayAndReportsTenTicks() {
        try (SimulatedDriver driver = driver(Op.START, Duration.ofMillis(300))) {
            driver.define(spec("a"), ProgressSink.NONE);
            ProgressRecorder progress = new ProgressRecorder();
            long begin = System.nanoTime();
            driver.start("a", progress);
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(progress.reports()).isEqualTo(TICKS);
            assertThat(driver.domain("a").orElseThrow().state()).isEqualTo(PowerState.RUNNING);
        }
    }

    @Test
    void zeroDelayReports100Once() {
        try (SimulatedDriver driver = driver(Op.START, Duration.ofMillis(300))) {
            ProgressRecorder define = new ProgressRecorder(); // DEFINE has no delay here
            driver.define(spec("a"), define);
            assertThat(define.reports()).containsExactly(100);
        }
    }

    @Test
    void aNoOpTakesNoStepAndReports100Once() {
        try (SimulatedDriver driver = driver(Op.START, Duration.ofMillis(50))) {
            driver.define(spec("a"), ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            ProgressRecorder again = new ProgressRecorder();
            driver.start("a", again);
            assertThat(again.reports()).containsExactly(100);
        }
    }

    @Test
    void aShutdownSlowerThanTheTimeoutTimesOutAndLeavesItRunning() {
        try (SimulatedDriver driver = driver(Op.SHUTDOWN, Duration.ofHours(1))) {
            driver.define(spec("a"), ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            long begin = System.nanoTime();
            assertThatThrownBy(() -> driver.shutdown("a", 200, ProgressSink.NONE))
                    .isInstanceOfSatisfying(DriverException.class,
                            e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(driver.domain("a").orElseThrow().state()).isEqualTo(PowerState.RUNNING);
        }
    }

    @Test
    void aShutdownWithinTheTimeoutStops() {
        try (SimulatedDriver driver = driver(Op.SHUTDOWN, Duration.ofMillis(100))) {
            driver.define(spec("a"), ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            ProgressRecorder progress = new ProgressRecorder();
            driver.shutdown("a", 60_000, progress);
            assertThat(progress.reports()).isEqualTo(TICKS);
            assertThat(driver.domain("a").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
        }
    }

    @Test
    void anInterruptedStepChangesNothingAndFreesItsMemory() throws Exception {
        try (SimulatedDriver driver = driver(Op.START, Duration.ofHours(1))) {
            driver.define(spec("a", 1024), ProgressSink.NONE);
            CountDownLatch begun = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread starter = Thread.ofVirtual().start(() -> {
                try {
                    driver.start("a", percent -> begun.countDown());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            assertThat(begun.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(driver.usedMemoryMb()).isEqualTo(1024); // reserved while starting
            starter.interrupt();
            starter.join();
            assertThat(failure.get()).isInstanceOfSatisfying(DriverException.class,
                    e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.FAILED));
            assertThat(driver.domain("a").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
            assertThat(driver.usedMemoryMb()).isZero();
        }
    }

    @Test
    void listenersHearExactlyTheChangesAndNoOpsAreSilent() {
        try (SimulatedDriver driver = driver(Op.START, Duration.ZERO)) {
            EventRecorder events = new EventRecorder();
            driver.addListener((status, cause) -> {
                throw new IllegalStateException("a broken listener");
            });
            driver.addListener(events);
            driver.define(spec("a", 512, 3), ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            driver.reboot("a", ProgressSink.NONE);
            driver.suspend("a", ProgressSink.NONE);
            driver.suspend("a", ProgressSink.NONE);
            driver.resume("a", ProgressSink.NONE);
            driver.destroy("a", ProgressSink.NONE);
            driver.shutdown("a", 1000, ProgressSink.NONE);
            driver.undefine("a", ProgressSink.NONE);
            assertThat(events.eventsOf("a")).containsExactly(
                    event("a", PowerState.RUNNING), event("a", PowerState.PAUSED),
                    event("a", PowerState.RUNNING), event("a", PowerState.SHUTOFF));
        }
    }

    private static EventRecorder.Event event(String vmId, PowerState state) {
        return new EventRecorder.Event(new DomainStatus(vmId, state, 3), StateChangeCause.REQUESTED);
    }

    @Test
    void redefiningAStoppedDomainReplacesItsSpecButARunningOneIsRefused() {
        try (SimulatedDriver driver = driver(Op.START, Duration.ZERO)) {
            driver.define(spec("a", 512, 1), ProgressSink.NONE);
            driver.define(spec("a", 1024, 2), ProgressSink.NONE);
            assertThat(driver.domain("a").orElseThrow().generation()).isEqualTo(2);
            driver.start("a", ProgressSink.NONE);
            assertThat(driver.usedMemoryMb()).isEqualTo(1024);
            assertThatThrownBy(() -> driver.define(spec("a", 2048, 3), ProgressSink.NONE))
                    .isInstanceOfSatisfying(DriverException.class,
                            e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.INVALID_STATE));
            assertThat(driver.domain("a").orElseThrow().generation()).isEqualTo(2);
        }
    }

    @Test
    void callsThatAreIllegalInTheCurrentStateAreInvalidState() {
        try (SimulatedDriver driver = driver(Op.START, Duration.ZERO)) {
            driver.define(spec("a"), ProgressSink.NONE);
            assertThatThrownBy(() -> driver.suspend("a", ProgressSink.NONE)).isInstanceOfSatisfying(
                    DriverException.class, e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.INVALID_STATE));
            assertThatThrownBy(() -> driver.reboot("a", ProgressSink.NONE)).isInstanceOfSatisfying(
                    DriverException.class, e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.INVALID_STATE));
            assertThat(driver.domain("a").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
        }
    }
}
