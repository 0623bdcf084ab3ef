package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.driver.sim.Specs.spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.StateChangeCause;

/** Many callers at once, from virtual threads as the agent calls. Asserts outcomes, never how fast. */
@Timeout(300)
class SimulatedDriverConcurrencyTest {

    /** Runs every task at once (a latch releases them together) and returns what each threw, if anything. */
    private static List<Throwable> runTogether(List<Runnable> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Queue<Throwable> thrown = new ConcurrentLinkedQueue<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(threads.submit(() -> {
                    go.await();
                    try {
                        task.run();
                    } catch (Throwable t) {
                        thrown.add(t);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return List.copyOf(thrown);
    }

    @Test
    void twoHundredDomainsStartedAtOnceAllRun() throws Exception {
        int count = 200;
        try (SimulatedDriver driver = new SimulatedDriver(SimHostConfig.of("sim-many", 64, 2400, count * 256L)
                .withStepDelay(Duration.ofMillis(5)))) {
            AtomicInteger runningEvents = new AtomicInteger();
            driver.addListener((status, cause) -> {
                if (status.state() == PowerState.RUNNING && cause == StateChangeCause.REQUESTED) {
                    runningEvents.incrementAndGet();
                }
            });
            List<Runnable> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String vmId = "vm-" + i;
                tasks.add(() -> {
                    driver.define(spec(vmId, 256), ProgressSink.NONE);
                    driver.start(vmId, ProgressSink.NONE);
                });
            }
            assertThat(runTogether(tasks)).isEmpty();
            assertThat(driver.listDomains()).hasSize(count).allMatch(d -> d.state() == PowerState.RUNNING);
            assertThat(runningEvents).hasValue(count);
            assertThat(driver.usedMemoryMb()).isEqualTo(count * 256L);
        }
    }

    @Test
    void concurrentStartsNeverOvercommitTheHost() throws Exception {
        // 4096 MB / 512 MB = 8 fit; the slow start keeps all 20 in flight together
        try (SimulatedDriver driver = new SimulatedDriver(SimHostConfig.of("sim-race", 8, 2400, 4096)
                .withStepDelay(Op.START, Duration.ofMillis(50)))) {
            List<Runnable> tasks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String vmId = "vm-" + i;
                driver.define(spec(vmId, 512), ProgressSink.NONE);
                tasks.add(() -> driver.start(vmId, ProgressSink.NONE));
            }
            List<Throwable> thrown = runTogether(tasks);
            assertThat(thrown).hasSize(12).allSatisfy(t -> assertThat(t).isInstanceOfSatisfying(
                    DriverException.class, e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.RESOURCE_EXHAUSTED)));
            assertThat(driver.listDomains()).filteredOn(d -> d.state() == PowerState.RUNNING).hasSize(8);
            assertThat(driver.usedMemoryMb()).isEqualTo(4096);
        }
    }

    @Test
    void manyStartsOfOneDomainStartItOnce() throws Exception {
        try (SimulatedDriver driver = new SimulatedDriver(SimHostConfig.of("sim-one", 4, 2400, 4096)
                .withStepDelay(Op.START, Duration.ofMillis(20)))) {
            AtomicInteger events = new AtomicInteger();
            driver.addListener((status, cause) -> events.incrementAndGet());
            driver.define(spec("a"), ProgressSink.NONE);
            List<Runnable> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tasks.add(() -> driver.start("a", ProgressSink.NONE));
            }
            assertThat(runTogether(tasks)).isEmpty();
            assertThat(driver.domain("a").orElseThrow().state()).isEqualTo(PowerState.RUNNING);
            assertThat(events).hasValue(1);
            assertThat(driver.usedMemoryMb()).isEqualTo(512);
        }
    }

    @Test
    void racingDefinesAndUndefinesLeaveMemoryAndDiskAgreeing(@TempDir Path dir) throws Exception {
        SimHostConfig config = SimHostConfig.of("sim-churn", 4, 2400, 4096).withStateDir(dir);
        List<DomainStatus> seen;
        try (SimulatedDriver driver = new SimulatedDriver(config)) {
            List<Runnable> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String vmId = "vm-" + (i % 5);
                boolean define = i % 2 == 0;
                tasks.add(define
                        ? () -> driver.define(spec(vmId, 128, 1), ProgressSink.NONE)
                        : () -> driver.undefine(vmId, ProgressSink.NONE));
            }
            assertThat(runTogether(tasks)).isEmpty();
            seen = driver.listDomains();
        }
        try (SimulatedDriver reopened = new SimulatedDriver(config)) {
            assertThat(reopened.listDomains()).isEqualTo(seen);
            for (int i = 0; i < 5; i++) { // and every id can still be defined, whatever the race left
                reopened.define(spec("vm-" + i, 128, 1), ProgressSink.NONE);
            }
            assertThat(reopened.listDomains()).hasSize(5);
        }
    }
}
