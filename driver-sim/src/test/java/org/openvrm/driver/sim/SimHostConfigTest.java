package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.HostInventory;
import org.openvrm.driver.VirtualizationType;

class SimHostConfigTest {

    @Test
    void ofMakesAOneSocketHostWithInstantStepsAndNoStateDir() {
        SimHostConfig config = SimHostConfig.of("sim-1", 16, 2600, 131_072);
        assertThat(config.inventory()).isEqualTo(new HostInventory("sim-1", SimHostConfig.DEFAULT_CPU_MODEL,
                1, 16, 1, 16, 2600, 131_072, 1, VirtualizationType.SIMULATED));
        for (Op op : Op.values()) {
            assertThat(config.stepDelay(op)).as("%s", op).isZero();
        }
        assertThat(config.stateDir()).isEmpty();
    }

    @Test
    void inventoryCountsLogicalCpusAsSocketsTimesCoresTimesThreads() {
        SimHostConfig config = new SimHostConfig("big", "Xeon", 2, 12, 2, 2100, 512 * 1024, 2,
                Duration.ZERO, Map.of(), Optional.empty());
        assertThat(config.inventory().logicalCpus()).isEqualTo(48); // 2 x 12 x 2
    }

    @Test
    void perOpDelaysOverrideTheDefault() {
        SimHostConfig config = SimHostConfig.of("sim-1", 4, 2000, 8192)
                .withStepDelay(Duration.ofMillis(100))
                .withStepDelay(Op.START, Duration.ofSeconds(2));
        assertThat(config.stepDelay(Op.START)).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.stepDelay(Op.SHUTDOWN)).isEqualTo(Duration.ofMillis(100));
        // a later default keeps the override
        assertThat(config.withStepDelay(Duration.ZERO).stepDelay(Op.START)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withStateDirKeepsEverythingElse() {
        SimHostConfig config = SimHostConfig.of("sim-1", 4, 2000, 8192).withStepDelay(Op.DEFINE, Duration.ofMillis(5));
        SimHostConfig kept = config.withStateDir(Path.of("/tmp/sim-1"));
        assertThat(kept.stateDir()).contains(Path.of("/tmp/sim-1"));
        assertThat(kept.withStateDir(Path.of("/x")).inventory()).isEqualTo(config.inventory());
        assertThat(kept.stepDelays()).isEqualTo(config.stepDelays());
    }

    @Test
    void stepDelaysAreCopied() {
        Map<Op, Duration> delays = new HashMap<>();
        delays.put(Op.START, Duration.ofMillis(1));
        SimHostConfig config = new SimHostConfig("h", "c", 1, 1, 1, 1, 1, 1, Duration.ZERO, delays, Optional.empty());
        delays.put(Op.START, Duration.ofHours(1));
        assertThat(config.stepDelay(Op.START)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> SimHostConfig.of(" ", 4, 2000, 8192)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimHostConfig.of("h", 0, 2000, 8192)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimHostConfig.of("h", 4, 0, 8192)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimHostConfig.of("h", 4, 2000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimHostConfig.of("h", 4, 2000, 8192).withStepDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimHostConfig.of("h", 4, 2000, 8192).withStepDelay(Op.START, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
