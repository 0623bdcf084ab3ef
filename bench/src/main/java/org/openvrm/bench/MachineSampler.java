package org.openvrm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the whole machine from /proc on its own thread: the share of all cores busy since the last sample
 * (/proc/stat) and the memory in use (MemTotal - MemAvailable, /proc/meminfo). What the host pays for running guests.
 */
final class MachineSampler implements AutoCloseable {

    /** One sample: seconds since the sampler started, CPU busy in % of all cores, memory in use in MB. */
    record Sample(double seconds, double cpuPercent, long usedMb) {}

    /** Mean and peak CPU, memory in use at the first sample and at its peak. */
    record Summary(int samples, double cpuMean, double cpuMax, long usedFirstMb, long usedPeakMb) {}

    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    MachineSampler(long periodMillis) {
        long start = System.nanoTime();
        thread = Thread.ofPlatform().daemon().name("machine-sampler").start(() -> {
            long[] last = jiffies();
            while (running) {
                Lab.sleep(periodMillis);
                long[] now = jiffies();
                double cpu = now[1] > last[1] ? 100.0 * (now[0] - last[0]) / (now[1] - last[1]) : Double.NaN;
                last = now;
                synchronized (samples) {
                    samples.add(new Sample((System.nanoTime() - start) / 1e9, cpu, usedMb()));
                }
            }
        });
    }

    Summary summary() {
        synchronized (samples) {
            if (samples.isEmpty()) {
                return new Summary(0, Double.NaN, Double.NaN, usedMb(), usedMb());
            }
            return new Summary(samples.size(), samples.stream().mapToDouble(Sample::cpuPercent).average().orElse(0),
                    samples.stream().mapToDouble(Sample::cpuPercent).max().orElse(0), samples.getFirst().usedMb(),
                    samples.stream().mapToLong(Sample::usedMb).max().orElse(0));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {busy, total} jiffies of all CPUs since boot. */
    static long[] jiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }

    /** MemTotal - MemAvailable in MB: what the kernel could not hand out without reclaiming. */
    static long usedMb() {
        try {
            long total = 0;
            long available = 0;
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = kb(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kb(line);
                }
            }
            return (total - available) / 1024;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/meminfo", e);
        }
    }

    /** A process's resident memory (VmRSS) in MB; 0 when it is gone. */
    static long rssMb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(MachineSampler::kb).sum() / 1024;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
