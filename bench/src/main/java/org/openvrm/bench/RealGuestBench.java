package org.openvrm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.openvrm.driver.libvirt.LibvirtConfig;
import org.openvrm.manager.Ids;
import org.openvrm.manager.Manager;
import org.openvrm.manager.ManagerConfig;

/**
 * Real guests on this machine's libvirtd, through the REST API of a manager running in this JVM: create+start
 * against {@code virsh create} of the same XML, time to a guest agent answering, N guests started at once, and how
 * fast the API shows a guest killed or powered off from inside. Run it with {@code bench/run-real-guests}.
 * Everything it makes carries a random {@code vrm-bench-<hex>} prefix and is removed at the end, even on failure.
 */
public final class RealGuestBench {

    private RealGuestBench() {}

    public static void main(String[] args) throws Exception {
        RealGuestOptions options;
        try {
            options = RealGuestOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("real-guests: " + e.getMessage());
            System.err.println(RealGuestOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(RealGuestOptions.USAGE);
            return;
        }
        if (!Files.isReadable(options.image())) {
            System.err.println("real-guests: no base image at " + options.image() + "; guest/build makes it");
            System.exit(2);
        }
        if (!Shell.virsh("version").ok()) {
            System.err.println("real-guests: libvirtd does not answer; scripts/host-setup starts it");
            System.exit(2);
        }
        String run = "vrm-bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        Path dataDir = Files.createTempDirectory(run + "-");
        Path datastore = Files.createDirectories(dataDir.resolve("ds"));
        for (Path p : new Path[] {dataDir, datastore}) { // QEMU runs as libvirt-qemu and must reach the overlays
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        CreateStartBench.log("run " + run + ", data directory " + dataDir);
        ManagerConfig config = ManagerConfig.defaults(dataDir).withPort(0).withLocalHost(false, 0)
                .withLibvirt(LibvirtConfig.defaults().withNamePrefix(run + "-m-"));
        Instant started = Instant.now();
        Map<String, String> loads = new LinkedHashMap<>();
        var bridge = new AtomicReference<String>();
        var swept = new AtomicBoolean();
        // Ctrl-C or kill skip the finally below: sweep from a shutdown hook then (the flock parent still holds the lock).
        Thread hook = new Thread(() -> sweepOnce(swept, run, bridge.get(), dataDir), "real-guests-sweep");
        Runtime.getRuntime().addShutdownHook(hook);
        String markdown;
        try (Manager manager = new Manager(config, Clock.systemUTC(), new Ids())) {
            manager.start();
            var lab = new Lab(new Api(manager.url()), run + "-m-", run + "-v-", datastore, options.image(),
                    options.pollMillis());
            bridge.set(lab.setUp());
            loads.put("before part 1", Shell.load());
            CreateStartBench.log("part 1+2: " + options.rounds() + " interleaved rounds");
            SideBySide.Outcome side = new SideBySide(lab).run(options.rounds());
            StartStorm.Outcome storm = null;
            if (options.storm() > 0) {
                loads.put("before part 3", Shell.load());
                CreateStartBench.log("part 3: " + options.storm() + " guests started at once");
                storm = new StartStorm(lab).run(options.storm(), options.stormMemoryMb());
            }
            EventLatency.Outcome events = null;
            if (options.eventTries() > 0) {
                loads.put("before part 4", Shell.load());
                CreateStartBench.log("part 4: event latency, " + options.eventTries() + " tries each");
                events = new EventLatency(lab).run(options.eventTries());
            }
            loads.put("at the end", Shell.load());
            markdown = RealGuestReport.markdown(options, started, loads, side, storm, events);
        } finally {
            sweepOnce(swept, run, bridge.get(), dataDir);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook finds the sweep done
            }
        }
        System.out.println();
        System.out.println(markdown);
        if (options.results() != null) {
            Results.update(options.results(), "real-guests", markdown);
            CreateStartBench.log("results written to " + options.results());
        }
    }

    private static void sweepOnce(AtomicBoolean swept, String run, String bridge, Path dataDir) {
        if (swept.compareAndSet(false, true)) {
            try {
                sweep(run, bridge, dataDir);
            } catch (IOException | RuntimeException e) {
                CreateStartBench.log("could not remove everything of " + run + " (" + dataDir + "): " + e);
            }
        }
    }

    /**
     * Removes whatever this run left: domains with its prefix (the API deleted its own already; this catches a
     * failed run), their logs, the port group's bridge and the data directory with the datastore's overlays.
     */
    private static void sweep(String run, String bridge, Path dataDir) throws IOException {
        for (String domain : Shell.virsh("list", "--all", "--name").out().lines().map(String::strip)
                .filter(n -> n.startsWith(run)).toList()) {
            CreateStartBench.log("removing leftover domain " + domain);
            Shell.virsh("destroy", domain);
            Shell.virsh("undefine", domain);
        }
        try (var logs = Files.list(Path.of("/var/log/libvirt/qemu"))) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(run)).toList()) {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            CreateStartBench.log("could not remove the logs of " + run + ": " + e.getMessage());
        }
        if (bridge != null && Files.exists(Path.of("/sys/class/net", bridge))) {
            Shell.run("/sbin/ip", "link", "del", bridge);
        }
        try (var paths = Files.walk(dataDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        CreateStartBench.log("removed everything of " + run);
    }
}
