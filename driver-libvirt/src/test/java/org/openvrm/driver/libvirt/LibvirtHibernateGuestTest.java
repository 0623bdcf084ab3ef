package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.StateChangeCause;

/** Hibernate keeps the guest's RAM on disk and QEMU goes away; start resumes it without a boot; destroy forgets it. */
@Timeout(900)
class LibvirtHibernateGuestTest extends RealGuestTest {

    private static final Path SAVE_DIR = Path.of("/var/lib/libvirt/qemu/save");

    @Override
    protected String label() {
        return "hibernate";
    }

    @Test
    void aHibernatedGuestKeepsWhatWasInItsRamAndDestroyDiscardsIt() throws IOException {
        String vmId = newVmId("hibernate");
        String name = startAndAwaitAgent(tinySpec(vmId));
        String marker = "ram-" + UUID.randomUUID();
        exec(name, "echo " + marker + " > /tmp/marker"); // /tmp is a tmpfs: only RAM holds it
        String bootId = exec(name, "cat /proc/sys/kernel/random/boot_id");
        String pid = Files.readString(Path.of("/run/libvirt/qemu/" + name + ".pid")).strip();

        long t0 = System.nanoTime();
        driver.hibernate(vmId, ProgressSink.NONE);
        long hibernateMs = msSince(t0);
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.HIBERNATED);
        events.await(vmId, PowerState.HIBERNATED, StateChangeCause.REQUESTED, Duration.ofSeconds(30));
        Path image = SAVE_DIR.resolve(name + ".save");
        assertThat(image).as("the managed-save image").isRegularFile();
        long imageBytes = Files.size(image);
        awaitTrue(Duration.ofSeconds(10), "QEMU " + pid + " gone", () -> !Files.exists(Path.of("/proc", pid)));
        assertThat(Path.of("/run/libvirt/qemu/" + name + ".pid")).doesNotExist();

        long t1 = System.nanoTime();
        driver.start(vmId, ProgressSink.NONE);
        long restoreMs = msSince(t1);
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.RUNNING);
        events.await(vmId, PowerState.RUNNING, StateChangeCause.REQUESTED, Duration.ofSeconds(30));
        awaitAgent(name, Duration.ofSeconds(60));
        long agentMs = msSince(t1);
        assertThat(exec(name, "cat /tmp/marker")).isEqualTo(marker);
        assertThat(exec(name, "cat /proc/sys/kernel/random/boot_id")).as("no reboot").isEqualTo(bootId);
        assertThat(image).as("libvirt drops the image once restored").doesNotExist();
        System.out.printf("tiny guest (256 MB): hibernate %d ms (image %d MB), start from it %d ms, agent %d ms%n",
                hibernateMs, imageBytes >> 20, restoreMs, agentMs);

        driver.hibernate(vmId, ProgressSink.NONE);
        driver.destroy(vmId, ProgressSink.NONE);
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.SHUTOFF);
        events.await(vmId, PowerState.SHUTOFF, StateChangeCause.REQUESTED, Duration.ofSeconds(30));
        assertThat(image).as("destroy discards the saved memory").doesNotExist();
        startAndAwaitAgent(tinySpec(vmId)); // define of the same spec: a no-op
        assertThat(exec(name, "cat /proc/sys/kernel/random/boot_id")).as("a fresh boot").isNotEqualTo(bootId);
        assertThat(exec(name, "cat /tmp/marker 2>/dev/null || echo none")).isEqualTo("none");
    }
}
