package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.EventRecorder;
import org.openvrm.driver.ProgressSink;

/**
 * The set-up every test with a real tiny guest shares: libvirtd required, a datastore per test class, a fresh driver
 * (with an event recorder) per test, every domain the test made removed after it, and guest-exec through the agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealGuestTest {

    /** A guest's CPU is sampled this long after a load starts, then over the window. */
    protected static final long WARM_UP_MS = 3_000;
    protected static final long WINDOW_MS = 10_000;
    /** Every busy loop's stdio goes to /dev/null, or guest-exec would wait for the pipe of the background job. */
    protected static final String SPIN = "(while :; do :; done) </dev/null >/dev/null 2>&1 &";
    private static final Pattern CPU_TIME = Pattern.compile("cpu\\.time=(\\d+)");
    private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");
    private static final Pattern EXITED = Pattern.compile("\"exited\"\\s*:\\s*true");
    private static final Pattern EXIT_CODE = Pattern.compile("\"exitcode\"\\s*:\\s*(-?\\d+)");
    private static final Pattern OUT = Pattern.compile("\"out-data\"\\s*:\\s*\"([^\"]*)\"");

    protected Path datastore;
    protected LibvirtDriver driver;
    protected final EventRecorder events = new EventRecorder();
    private final List<String> made = new ArrayList<>();

    /** Names the datastore directory of the test class. */
    protected abstract String label();

    @BeforeAll
    final void host() {
        TestHost.requireLibvirt();
        TestHost.tinyGuest();
        datastore = TestHost.newDatastore(label());
    }

    @AfterAll
    final void removeDatastore() {
        if (datastore != null) {
            TestHost.cleanUp(datastore);
        }
    }

    @BeforeEach
    final void openDriver() {
        driver = new LibvirtDriver(TestHost.config());
        driver.addListener(events);
    }

    @AfterEach
    final void removeDomains() {
        try {
            for (String vmId : made) {
                TestHost.remove(driver, vmId); // snapshot metadata and saved memory included
            }
        } finally {
            made.clear();
            driver.close();
        }
    }

    /** A fresh vmId, removed after the test. */
    protected final String newVmId(String what) {
        String vmId = "guest-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
        made.add(vmId);
        return vmId;
    }

    /** The tiny guest (a linked clone of its image) plus the given blank disks (vdb = /data, ...). */
    protected final DomainSpec tinySpec(String vmId, DiskSpec... dataDisks) {
        DomainSpec tiny = TestHost.tinySpec(vmId, datastore);
        List<DiskSpec> disks = new ArrayList<>(tiny.disks());
        disks.addAll(List.of(dataDisks));
        return new DomainSpec(vmId, tiny.name(), tiny.generation(), tiny.vcpus(), tiny.maxVcpus(), tiny.memoryMb(),
                disks, tiny.nics(), tiny.bootOrder());
    }

    /** A blank thin or thick data disk on the class's datastore. */
    protected final DiskSpec dataDisk(String id, long sizeMb, boolean thick) {
        return new DiskSpec(id, sizeMb, datastore.toString(), null, thick, "virtio");
    }

    /** Defines and starts {@code spec}; returns the domain name once the guest agent answers. */
    protected final String startAndAwaitAgent(DomainSpec spec) {
        driver.define(spec, ProgressSink.NONE);
        driver.start(spec.vmId(), ProgressSink.NONE);
        String name = driver.domainName(spec.vmId());
        awaitAgent(name, Duration.ofSeconds(180));
        return name;
    }

    /** Runs {@code sh -c script} in the guest through its agent; returns its stdout, stripped. Exit code 0 or fail. */
    protected static String exec(String name, String script) {
        String escaped = script.replace("\\", "\\\\").replace("\"", "\\\"");
        String started = agent(name, "{\"execute\":\"guest-exec\",\"arguments\":{\"path\":\"/bin/sh\","
                + "\"arg\":[\"-c\",\"" + escaped + "\"],\"capture-output\":true}}");
        Matcher pid = PID.matcher(started);
        assertThat(pid.find()).as("guest-exec answer %s", started).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String status = agent(name, "{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":"
                    + pid.group(1) + "}}");
            if (EXITED.matcher(status).find()) {
                Matcher code = EXIT_CODE.matcher(status);
                assertThat(code.find() && code.group(1).equals("0")).as("%s -> %s", script, status).isTrue();
                Matcher out = OUT.matcher(status);
                return out.find() ? new String(Base64.getDecoder().decode(out.group(1)), StandardCharsets.UTF_8)
                        .strip() : "";
            }
            sleep(100);
        }
        throw new AssertionError("guest-exec of " + script + " did not finish in 60 s");
    }

    protected static String agent(String name, String json) {
        return TestHost.virsh("qemu-agent-command", name, "--timeout", "10", json);
    }

    protected static void awaitAgent(String name, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                TestHost.Result r = TestHost.run(Duration.ofSeconds(30), "virsh", "-q", "-c",
                        LibvirtConfig.DEFAULT_URI, "qemu-agent-command", name, "--timeout", "2",
                        "{\"execute\":\"guest-ping\"}");
                if (r.exit() == 0) {
                    return;
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            sleep(250);
        }
        throw new AssertionError("the guest agent of " + name + " did not answer within " + limit);
    }

    /** Polls {@code check} every 250 ms until it holds, for at most {@code limit}. */
    protected static void awaitTrue(Duration limit, String what, java.util.function.BooleanSupplier check) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            sleep(250);
        }
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Milliseconds since {@code t0} (System.nanoTime()). */
    protected static long msSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Host cores the domain used over the window after the warm-up: CPU time over wall time. */
    protected static double coresUsed(String name) {
        sleep(WARM_UP_MS);
        long cpu0 = cpuTimeNanos(name);
        long wall0 = System.nanoTime();
        sleep(WINDOW_MS);
        return (double) (cpuTimeNanos(name) - cpu0) / (System.nanoTime() - wall0);
    }

    /** The domain's host CPU time (libvirt's cpu.time, from its cgroup). */
    protected static long cpuTimeNanos(String name) {
        String stats = TestHost.virsh("domstats", "--cpu-total", name);
        Matcher m = CPU_TIME.matcher(stats);
        assertThat(m.find()).as("domstats of %s: %s", name, stats).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** virsh schedinfo as name -> value ("cpu_shares" -> "1000"). */
    protected static Map<String, String> schedinfo(String name) {
        return colonTable(TestHost.virsh("schedinfo", name));
    }

    /** virsh's "name : value" lines as a map. */
    protected static Map<String, String> colonTable(String text) {
        Map<String, String> out = new HashMap<>();
        for (String line : text.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return out;
    }
}
