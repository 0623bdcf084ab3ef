package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.EventRecorder;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;

/** A revert really reverts: a file written in the real tiny guest, snapshotted, deleted, is back after the revert. */
@Timeout(600)
class LibvirtSnapshotGuestTest {

    private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");
    private static final Pattern EXITED = Pattern.compile("\"exited\"\\s*:\\s*true");
    private static final Pattern EXIT_CODE = Pattern.compile("\"exitcode\"\\s*:\\s*(-?\\d+)");
    private static final Pattern OUT = Pattern.compile("\"out-data\"\\s*:\\s*\"([^\"]*)\"");

    private static Path datastore;
    private LibvirtDriver driver;
    private String vmId;
    private final EventRecorder events = new EventRecorder();

    @BeforeAll
    static void host() {
        TestHost.requireLibvirt();
        datastore = TestHost.newDatastore("snapshot");
    }

    @AfterAll
    static void removeDatastore() {
        if (datastore != null) {
            TestHost.cleanUp(datastore);
        }
    }

    @BeforeEach
    void open() {
        driver = new LibvirtDriver(TestHost.config());
        driver.addListener(events);
    }

    @AfterEach
    void close() {
        if (vmId != null) {
            TestHost.remove(driver, vmId); // snapshot metadata included
        }
        driver.close();
    }

    @Test
    void revertBringsBackAFileDeletedAfterTheSnapshot() {
        vmId = "guest-snap-" + UUID.randomUUID().toString().substring(0, 8);
        DomainSpec tiny = TestHost.tinySpec(vmId, datastore);
        List<DiskSpec> disks = new ArrayList<>(tiny.disks());
        disks.add(new DiskSpec("data", 64, datastore.toString(), null, false, "virtio")); // blank: /data in the guest
        DomainSpec spec = new DomainSpec(vmId, tiny.name(), tiny.generation(), tiny.vcpus(), tiny.maxVcpus(),
                tiny.memoryMb(), disks, tiny.nics(), tiny.bootOrder());
        driver.define(spec, ProgressSink.NONE);
        driver.start(vmId, ProgressSink.NONE);
        String name = driver.domainName(vmId);
        awaitAgent(name, Duration.ofSeconds(180));

        String write = "grep -q ' /data ' /proc/mounts && echo hello > /data/f && sync && cat /data/f";
        assertThat(exec(name, write)).isEqualTo("hello");

        int told = events.eventsOf(vmId).size();
        long t0 = System.nanoTime();
        driver.snapshot(vmId, "before-rm", ProgressSink.NONE);
        long snapshotMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.RUNNING);

        assertThat(exec(name, "rm /data/f && sync && ls /data/f 2>&1 || echo gone")).endsWith("gone");

        long t1 = System.nanoTime();
        driver.revertToSnapshot(vmId, "before-rm", ProgressSink.NONE);
        long revertMs = (System.nanoTime() - t1) / 1_000_000;
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.RUNNING);

        awaitAgent(name, Duration.ofSeconds(60));
        assertThat(exec(name, "cat /data/f")).isEqualTo("hello");
        System.out.printf("tiny guest (256 MB): running snapshot %d ms, revert %d ms%n", snapshotMs, revertMs);

        // libvirt pauses the guest for savevm and stops/starts QEMU for loadvm: none of that reaches listeners
        sleep(1000);
        List<EventRecorder.Event> all = events.eventsOf(vmId);
        assertThat(all.subList(told, all.size())).extracting(e -> e.status().state() + " " + e.cause())
                .allMatch("RUNNING REQUESTED"::equals);
        driver.deleteSnapshot(vmId, "before-rm", ProgressSink.NONE);
        assertThat(driver.snapshots(vmId)).isEmpty();
    }

    /** Runs {@code sh -c script} in the guest through its agent; returns its stdout, stripped. */
    private static String exec(String name, String script) {
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

    private static String agent(String name, String json) {
        return TestHost.virsh("qemu-agent-command", name, "--timeout", "10", json);
    }

    private static void awaitAgent(String name, Duration limit) {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
