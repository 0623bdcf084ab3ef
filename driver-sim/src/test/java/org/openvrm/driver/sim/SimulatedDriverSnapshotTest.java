package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvrm.driver.sim.Specs.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.SnapshotInfo;

/** What the simulator adds to the snapshot contract: persistence, the spec going back, memory, no clock. */
@Timeout(60)
class SimulatedDriverSnapshotTest {

    @TempDir
    Path dir;

    private SimulatedDriver open(long memoryMb) {
        return new SimulatedDriver(SimHostConfig.of("sim-snap", 4, 2400, memoryMb).withStateDir(dir));
    }

    @Test
    void snapshotsAreKeptWithTheDomainAndHaveNoTime() {
        try (SimulatedDriver before = open(8192)) {
            before.define(spec("a"), ProgressSink.NONE);
            before.start("a", ProgressSink.NONE);
            before.snapshot("a", "s1", ProgressSink.NONE);
        }
        try (SimulatedDriver after = open(8192)) {
            assertThat(after.snapshots("a"))
                    .containsExactly(new SnapshotInfo("s1", Optional.empty(), PowerState.RUNNING));
            after.destroy("a", ProgressSink.NONE);
            after.revertToSnapshot("a", "s1", ProgressSink.NONE);
            assertThat(after.domain("a").orElseThrow().state()).isEqualTo(PowerState.RUNNING);
        }
    }

    @Test
    void aFileWrittenBeforeSnapshotsExistedHasNone() throws Exception {
        try (SimulatedDriver before = open(8192)) {
            before.define(spec("old"), ProgressSink.NONE);
        }
        Path file = dir.resolve("old.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode stored = (ObjectNode) json.readTree(file.toFile());
        assertThat(stored.remove("snapshots")).isNotNull();
        Files.write(file, json.writeValueAsBytes(stored));
        try (SimulatedDriver after = open(8192)) {
            assertThat(after.domain("old")).isPresent();
            assertThat(after.snapshots("old")).isEmpty();
        }
    }

    @Test
    void revertBringsBackTheSpecOfTheSnapshot() {
        try (SimulatedDriver driver = open(8192)) {
            driver.define(spec("a", 512, 1), ProgressSink.NONE);
            driver.snapshot("a", "gen1", ProgressSink.NONE);
            driver.define(spec("a", 1024, 2), ProgressSink.NONE);
            assertThat(driver.domain("a")).contains(new DomainStatus("a", PowerState.SHUTOFF, 2));
            driver.revertToSnapshot("a", "gen1", ProgressSink.NONE);
            assertThat(driver.domain("a")).contains(new DomainStatus("a", PowerState.SHUTOFF, 1));
            assertThat(driver.snapshots("a")).extracting(SnapshotInfo::snapshotId).containsExactly("gen1");
        }
    }

    @Test
    void revertToARunningSnapshotNeedsTheMemory() {
        try (SimulatedDriver driver = open(1024)) {
            driver.define(spec("a", 768), ProgressSink.NONE);
            driver.define(spec("b", 768), ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            driver.snapshot("a", "up", ProgressSink.NONE);
            driver.destroy("a", ProgressSink.NONE);
            driver.start("b", ProgressSink.NONE);
            assertThatThrownBy(() -> driver.revertToSnapshot("a", "up", ProgressSink.NONE))
                    .isInstanceOfSatisfying(DriverException.class,
                            e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.RESOURCE_EXHAUSTED));
            assertThat(driver.domain("a").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
            driver.destroy("b", ProgressSink.NONE);
            driver.revertToSnapshot("a", "up", ProgressSink.NONE);
            assertThat(driver.usedMemoryMb()).isEqualTo(768);
        }
    }

    @Test
    void aCrashedDomainCannotBeSnapshottedButCanBeReverted() {
        try (SimulatedDriver driver = open(8192)) {
            driver.define(spec("a"), ProgressSink.NONE);
            driver.snapshot("a", "off", ProgressSink.NONE);
            driver.start("a", ProgressSink.NONE);
            driver.faults().crash("a");
            assertThatThrownBy(() -> driver.snapshot("a", "s", ProgressSink.NONE))
                    .isInstanceOfSatisfying(DriverException.class,
                            e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.INVALID_STATE));
            driver.revertToSnapshot("a", "off", ProgressSink.NONE);
            assertThat(driver.domain("a").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
        }
    }

    @Test
    void stepsTakeTheirDelay() {
        try (SimulatedDriver driver = new SimulatedDriver(SimHostConfig.of("sim-slow", 4, 2400, 8192)
                .withStepDelay(Op.SNAPSHOT, Duration.ofMillis(200)))) {
            driver.define(spec("a"), ProgressSink.NONE);
            long t0 = System.nanoTime();
            driver.snapshot("a", "s", ProgressSink.NONE);
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
            long t1 = System.nanoTime();
            driver.snapshot("a", "s", ProgressSink.NONE); // already there: no step
            assertThat(System.nanoTime() - t1).isLessThan(Duration.ofMillis(200).toNanos());
        }
    }
}
