package org.openvrm.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.openvrm.driver.sim.SimHostConfig;
import picocli.CommandLine.Option;

/**
 * The {@code --sim-*} flags: the shape of a simulated host, mixed into {@code vrm agent} (one host) and {@code vrm
 * fleet} (many). Each command makes it with its own defaults (picocli reads the values the fields hold as the
 * defaults, for parsing and for {@code ${DEFAULT-VALUE}}) and words the flags in its own resource bundle
 * ({@code <Command>.properties}, keys = the flag names without dashes), so both help texts stay as they were.
 */
final class SimHostFlags {

    @Option(names = "--sim-cpus", descriptionKey = "sim-cpus")
    int simCpus;

    @Option(names = "--sim-mhz", descriptionKey = "sim-mhz")
    int simMhz;

    @Option(names = "--sim-memory-mb", descriptionKey = "sim-memory-mb")
    long simMemoryMb;

    @Option(names = "--sim-step-delay-ms", descriptionKey = "sim-step-delay-ms")
    long simStepDelayMillis;

    SimHostFlags(int cpus, int mhz, long memoryMb, long stepDelayMillis) {
        this.simCpus = cpus;
        this.simMhz = mhz;
        this.simMemoryMb = memoryMb;
        this.simStepDelayMillis = stepDelayMillis;
    }

    /** The simulated host {@code name}, one socket and NUMA node; its domains live in {@code dir/sim}, so a
     * restarted agent still has them, like a real host. */
    SimHostConfig config(String name, Path dir) {
        return new SimHostConfig(name, SimHostConfig.DEFAULT_CPU_MODEL, 1, simCpus, 1, simMhz, simMemoryMb, 1,
                Duration.ofMillis(simStepDelayMillis), Map.of(), Optional.of(dir.resolve("sim")));
    }
}
