package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvrm.driver.sim.Specs.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;

/** A host with a state directory outlives the driver that ran it, as a hypervisor outlives its manager. */
@Timeout(120)
class SimulatedDriverPersistenceTest {

    @TempDir
    Path dir;

    private SimulatedDriver open() {
        return open(Duration.ZERO);
    }

    private SimulatedDriver open(Duration startDelay) {
        return new SimulatedDriver(SimHostConfig.of("sim-disk", 8, 2400, 16 * 1024)
                .withStepDelay(Op.START, startDelay).withStateDir(dir));
    }

    @Test
    void aNewDriverFindsTheDomainsAsTheyWere() {
        try (SimulatedDriver before = open()) {
            before.define(spec("running", 1024, 7), ProgressSink.NONE);
            before.start("running", ProgressSink.NONE);
            before.define(spec("paused", 2048), ProgressSink.NONE);
            before.start("paused", ProgressSink.NONE);
            before.suspend("paused", ProgressSink.NONE);
            before.define(spec("off"), ProgressSink.NONE);
            before.define(spec("crashed"), ProgressSink.NONE);
            before.start("crashed", ProgressSink.NONE);
            before.faults().crash("crashed");
            before.define(spec("gone"), ProgressSink.NONE);
            before.undefine("gone", ProgressSink.NONE);
        }
        try (SimulatedDriver after = open()) {
            assertThat(after.listDomains()).containsExactly(
                    new DomainStatus("crashed", PowerState.CRASHED, 1),
                    new DomainStatus("off", PowerState.SHUTOFF, 1),
                    new DomainStatus("paused", PowerState.PAUSED, 1),
                    new DomainStatus("running", PowerState.RUNNING, 7));
            assertThat(after.usedMemoryMb()).isEqualTo(1024 + 2048);
            after.shutdown("running", 1000, ProgressSink.NONE); // and it can still be driven
            assertThat(after.domain("running").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
        }
    }

    @Test
    void eachDomainIsOneFileThatUndefineDeletes() throws Exception {
        try (SimulatedDriver driver = open()) {
            driver.define(spec("a"), ProgressSink.NONE);
            driver.define(spec("b/../c"), ProgressSink.NONE);
            assertThat(domainFiles()).containsExactlyInAnyOrder("a.json", "b%2F%2E%2E%2Fc.json");
            driver.undefine("a", ProgressSink.NONE);
            assertThat(domainFiles()).containsExactly("b%2F%2E%2E%2Fc.json");
        }
        try (SimulatedDriver after = open()) {
            assertThat(after.listDomains()).extracting(DomainStatus::vmId).containsExactly("b/../c");
        }
    }

    @Test
    void corruptFilesAndLeftoverTempFilesAreIgnored() throws Exception {
        try (SimulatedDriver driver = open()) {
            driver.define(spec("good"), ProgressSink.NONE);
            driver.define(spec("other"), ProgressSink.NONE);
        }
        String good = Files.readString(dir.resolve("good.json"));
        Files.writeString(dir.resolve("garbage.json"), "{\"format\":1,\"spec\":{\"vmId\":\"gar");
        Files.writeString(dir.resolve("empty.json"), "");
        Files.writeString(dir.resolve("future.json"), good.replace("\"format\":1", "\"format\":99"));
        Files.writeString(dir.resolve("impostor.json"), good); // holds "good" under another name
        Files.writeString(dir.resolve("other.json"), good.substring(0, good.length() / 2)); // torn write
        Files.writeString(dir.resolve(".writing-123.tmp"), good.substring(0, 10));
        try (SimulatedDriver after = open()) {
            assertThat(after.listDomains()).containsExactly(new DomainStatus("good", PowerState.SHUTOFF, 1));
        }
        assertThat(dir.resolve(".writing-123.tmp")).doesNotExist();
    }

    @Test
    void aStepCutShortLeavesTheOldStateOnDisk() throws Exception {
        try (SimulatedDriver before = open(Duration.ofHours(1))) {
            before.define(spec("a"), ProgressSink.NONE);
            CountDownLatch begun = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread starter = Thread.ofVirtual().start(() -> {
                try {
                    before.start("a", percent -> begun.countDown());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            assertThat(begun.await(60, TimeUnit.SECONDS)).isTrue();
            starter.interrupt(); // the process dies mid-step
            starter.join();
            assertThat(failure.get()).isInstanceOf(DriverException.class);
        }
        try (SimulatedDriver after = open()) {
            assertThat(after.domain("a").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
        }
    }

    @Test
    void aStepStillRunningWhenTheDriverClosesSavesNothing() {
        SimulatedDriver before = open(Duration.ofMillis(100));
        before.define(spec("a"), ProgressSink.NONE);
        // closing from inside the step makes the order certain: close, then the step's end
        assertThatThrownBy(() -> before.start("a", percent -> {
            if (percent == 50) {
                before.close();
            }
        })).isInstanceOfSatisfying(DriverException.class,
                e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.UNAVAILABLE));
        try (SimulatedDriver after = open()) {
            assertThat(after.domain("a").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
        }
    }

    @Test
    void oneStateDirBelongsToOneHostAtATime() {
        try (SimulatedDriver first = open()) {
            first.define(spec("a"), ProgressSink.NONE);
            assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class).hasMessageContaining("owned");
        }
        try (SimulatedDriver second = open()) {
            assertThat(second.domain("a")).isPresent();
        }
    }

    @Test
    void callsAfterCloseAreUnavailable() {
        SimulatedDriver driver = open();
        driver.define(spec("a"), ProgressSink.NONE);
        driver.close();
        driver.close(); // idempotent
        assertThatThrownBy(() -> driver.start("a", ProgressSink.NONE)).isInstanceOfSatisfying(DriverException.class,
                e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.UNAVAILABLE));
        assertThatThrownBy(driver::listDomains).isInstanceOf(DriverException.class);
    }

    private List<String> domainFiles() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).toList();
        }
    }
}
