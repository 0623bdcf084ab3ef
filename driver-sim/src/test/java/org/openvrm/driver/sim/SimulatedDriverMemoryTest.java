package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvrm.driver.sim.Specs.spec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;

/** A host refuses to start what its memory cannot hold, as a real one would fail to allocate guest RAM. */
class SimulatedDriverMemoryTest {

    private final SimulatedDriver driver = new SimulatedDriver(SimHostConfig.of("sim-mem", 4, 2000, 4096));

    @AfterEach
    void close() {
        driver.close();
    }

    private void defineAndStart(String vmId, long memoryMb) {
        driver.define(spec(vmId, memoryMb), ProgressSink.NONE);
        driver.start(vmId, ProgressSink.NONE);
    }

    @Test
    void startingPastTheHostsMemoryIsResourceExhaustedNamingTheNumbers() {
        defineAndStart("a", 3072);
        driver.define(spec("b", 2048), ProgressSink.NONE);
        assertThatThrownBy(() -> driver.start("b", ProgressSink.NONE))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.reason()).isEqualTo(DriverException.Reason.RESOURCE_EXHAUSTED))
                .hasMessageContaining("2048 MB").hasMessageContaining("4096 MB").hasMessageContaining("3072 MB")
                .hasMessageContaining("sim-mem");
        assertThat(driver.domain("b").orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
        assertThat(driver.usedMemoryMb()).isEqualTo(3072);
    }

    @Test
    void domainsThatExactlyFillTheHostAllStart() {
        defineAndStart("a", 2048); // 2048 + 2048 = 4096, the whole host
        defineAndStart("b", 2048);
        assertThat(driver.usedMemoryMb()).isEqualTo(4096);
    }

    @Test
    void aPausedDomainKeepsItsMemoryAndAStoppedOneGivesItBack() {
        defineAndStart("a", 3072);
        driver.suspend("a", ProgressSink.NONE);
        driver.define(spec("b", 2048), ProgressSink.NONE);
        assertThatThrownBy(() -> driver.start("b", ProgressSink.NONE)).isInstanceOf(DriverException.class);

        assertThat(driver.usedMemoryMb()).isEqualTo(3072);

        driver.destroy("a", ProgressSink.NONE);
        driver.start("b", ProgressSink.NONE);
        assertThat(driver.usedMemoryMb()).isEqualTo(2048);
    }

    @Test
    void aShutdownFreesItsMemoryForTheNext() {
        defineAndStart("a", 3072);
        driver.define(spec("b", 2048), ProgressSink.NONE);
        driver.shutdown("a", 10_000, ProgressSink.NONE);
        driver.start("b", ProgressSink.NONE);
        assertThat(driver.domain("b").orElseThrow().state()).isEqualTo(PowerState.RUNNING);
        assertThat(driver.usedMemoryMb()).isEqualTo(2048);
    }
}
