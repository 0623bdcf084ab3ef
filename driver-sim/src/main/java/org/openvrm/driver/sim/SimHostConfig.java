package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.openvrm.driver.HostInventory;
import org.openvrm.driver.VirtualizationType;

/**
 * The shape of one simulated host and how long its steps take.
 *
 * @param defaultStepDelay real time each step takes unless {@code stepDelays} says otherwise; zero makes steps instant
 * @param stepDelays per-call overrides of {@code defaultStepDelay}
 * @param stateDir where each domain's spec and power state are kept so the host outlives its process; empty keeps
 *     them in memory only
 */
public record SimHostConfig(
        String hostname,
        String cpuModel,
        int sockets,
        int coresPerSocket,
        int threadsPerCore,
        int mhz,
        long memoryMb,
        int numaNodes,
        Duration defaultStepDelay,
        Map<Op, Duration> stepDelays,
        Optional<Path> stateDir) {

    public static final String DEFAULT_CPU_MODEL = "Simulated CPU";

    public SimHostConfig {
        requireNonNull(hostname, "hostname is null");
        requireNonNull(cpuModel, "cpuModel is null");
        requireNonNull(defaultStepDelay, "defaultStepDelay is null");
        requireNonNull(stepDelays, "stepDelays is null");
        requireNonNull(stateDir, "stateDir is null");
        if (hostname.isBlank()) {
            throw new IllegalArgumentException("hostname is blank");
        }
        if (sockets < 1 || coresPerSocket < 1 || threadsPerCore < 1) {
            throw new IllegalArgumentException("CPU topology must be positive");
        }
        if (mhz < 1 || memoryMb < 1 || numaNodes < 1) {
            throw new IllegalArgumentException("mhz, memoryMb and numaNodes must be positive");
        }
        requireNonNegative(defaultStepDelay, "defaultStepDelay");
        stepDelays.forEach((op, delay) -> requireNonNegative(delay, "step delay of " + op));
        stepDelays = Map.copyOf(stepDelays);
    }

    /** One socket of {@code cores} cores without SMT, one NUMA node, instant steps, state in memory only. */
    public static SimHostConfig of(String hostname, int cores, int mhz, long memoryMb) {
        return new SimHostConfig(hostname, DEFAULT_CPU_MODEL, 1, cores, 1, mhz, memoryMb, 1,
                Duration.ZERO, Map.of(), Optional.empty());
    }

    public Duration stepDelay(Op op) {
        return stepDelays.getOrDefault(op, defaultStepDelay);
    }

    /** The same host with every step taking {@code delay}, keeping per-call overrides. */
    public SimHostConfig withStepDelay(Duration delay) {
        return new SimHostConfig(hostname, cpuModel, sockets, coresPerSocket, threadsPerCore, mhz, memoryMb,
                numaNodes, delay, stepDelays, stateDir);
    }

    /** The same host with {@code op} taking {@code delay}. */
    public SimHostConfig withStepDelay(Op op, Duration delay) {
        Map<Op, Duration> delays = new EnumMap<>(Op.class);
        delays.putAll(stepDelays);
        delays.put(requireNonNull(op, "op is null"), requireNonNull(delay, "delay is null"));
        return new SimHostConfig(hostname, cpuModel, sockets, coresPerSocket, threadsPerCore, mhz, memoryMb,
                numaNodes, defaultStepDelay, delays, stateDir);
    }

    /** The same host keeping its domains in {@code dir}. */
    public SimHostConfig withStateDir(Path dir) {
        return new SimHostConfig(hostname, cpuModel, sockets, coresPerSocket, threadsPerCore, mhz, memoryMb,
                numaNodes, defaultStepDelay, stepDelays, Optional.of(requireNonNull(dir, "dir is null")));
    }

    public HostInventory inventory() {
        return new HostInventory(hostname, cpuModel, sockets, coresPerSocket, threadsPerCore,
                sockets * coresPerSocket * threadsPerCore, mhz, memoryMb, numaNodes, VirtualizationType.SIMULATED);
    }

    private static void requireNonNegative(Duration delay, String what) {
        requireNonNull(delay, what + " is null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException(what + " is negative: " + delay);
        }
    }
}
