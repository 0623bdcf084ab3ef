package org.openvrm.manager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** This machine's CPU and memory, read from /proc, for the all-in-one local host. */
record LocalMachine(String hostname, int cpus, int mhz, long memoryMb) {

    static LocalMachine read() {
        int cpus = Runtime.getRuntime().availableProcessors();
        int mhz = 2000;
        long memoryMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        try {
            List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
            mhz = cpuinfo.stream().filter(l -> l.startsWith("cpu MHz")).findFirst()
                    .map(l -> (int) Math.round(Double.parseDouble(l.substring(l.indexOf(':') + 1).trim())))
                    .orElse(mhz);
            memoryMb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(memoryMb);
        } catch (IOException | RuntimeException e) {
            // not Linux, or an odd /proc: the defaults above are good enough for a simulated host
        }
        String hostname = System.getenv().getOrDefault("HOSTNAME", "localhost");
        return new LocalMachine(hostname, cpus, Math.max(100, mhz), Math.max(1024, memoryMb));
    }
}
