package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openvrm.driver.EventRecorder;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;

/** A revert really reverts: a file written in the real tiny guest, snapshotted, deleted, is back after the revert. */
@Timeout(600)
class LibvirtSnapshotGuestTest extends RealGuestTest {

    @Override
    protected String label() {
        return "snapshot";
    }

    @Test
    void revertBringsBackAFileDeletedAfterTheSnapshot() {
        String vmId = newVmId("snap");
        String name = startAndAwaitAgent(tinySpec(vmId, dataDisk("data", 64, false))); // blank: /data in the guest

        String write = "grep -q ' /data ' /proc/mounts && echo hello > /data/f && sync && cat /data/f";
        assertThat(exec(name, write)).isEqualTo("hello");

        int told = events.eventsOf(vmId).size();
        long t0 = System.nanoTime();
        driver.snapshot(vmId, "before-rm", ProgressSink.NONE);
        long snapshotMs = msSince(t0);
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.RUNNING);

        assertThat(exec(name, "rm /data/f && sync && ls /data/f 2>&1 || echo gone")).endsWith("gone");

        long t1 = System.nanoTime();
        driver.revertToSnapshot(vmId, "before-rm", ProgressSink.NONE);
        long revertMs = msSince(t1);
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
}
