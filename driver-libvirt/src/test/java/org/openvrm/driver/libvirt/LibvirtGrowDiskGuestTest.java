package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;

/** growDisk against the real tiny guest: live (the guest sees it at once) and offline (qemu-img, thick kept). */
@Timeout(900)
class LibvirtGrowDiskGuestTest extends RealGuestTest {

    private static final long MIB = 1024 * 1024;
    private static final Pattern VIRTUAL = Pattern.compile("\"virtual-size\"\\s*:\\s*(\\d+)");
    private static final Pattern ACTUAL = Pattern.compile("\"actual-size\"\\s*:\\s*(\\d+)");

    @Override
    protected String label() {
        return "grow";
    }

    @Test
    void aRunningGuestSeesItsDataDiskGrowWithoutARestart() throws IOException {
        String vmId = newVmId("grow-live");
        DomainSpec spec = tinySpec(vmId, dataDisk("data", 64, false));
        String name = startAndAwaitAgent(spec);
        String bootId = exec(name, "cat /proc/sys/kernel/random/boot_id");
        assertThat(exec(name, "cat /sys/block/vdb/size")).isEqualTo(Long.toString(64 * MIB / 512));

        long t0 = System.nanoTime();
        driver.growDisk(vmId, "data", 96, ProgressSink.NONE);
        long growMs = msSince(t0);
        awaitTrue(Duration.ofSeconds(30), "the guest seeing 96 MiB on vdb",
                () -> exec(name, "cat /sys/block/vdb/size").equals(Long.toString(96 * MIB / 512)));
        assertThat(exec(name, "cat /proc/sys/kernel/random/boot_id")).as("no restart").isEqualTo(bootId);
        assertThat(info(volume(vmId), VIRTUAL)).isEqualTo(96 * MIB);
        assertThat(driver.domain(vmId).orElseThrow().state()).isEqualTo(PowerState.RUNNING);
        // recorded: the manager's spec with the new size is equal, so defining it while running changes nothing
        driver.define(tinySpec(vmId, dataDisk("data", 96, false)), ProgressSink.NONE);
        System.out.printf("tiny guest: live grow 64 -> 96 MiB took %d ms%n", growMs);
    }

    @Test
    void aStoppedThickDiskGrowsWithItsPreallocationAndTheGuestSeesItAtBoot() throws IOException {
        String vmId = newVmId("grow-offline");
        DomainSpec spec = tinySpec(vmId, dataDisk("data", 64, true));
        driver.define(spec, ProgressSink.NONE);
        assertThat(info(volume(vmId), ACTUAL)).isGreaterThanOrEqualTo(64 * MIB);

        driver.growDisk(vmId, "data", 128, ProgressSink.NONE);
        assertThat(info(volume(vmId), VIRTUAL)).isEqualTo(128 * MIB);
        assertThat(info(volume(vmId), ACTUAL)).as("still thick: every byte allocated").isGreaterThanOrEqualTo(128 * MIB);

        String name = startAndAwaitAgent(tinySpec(vmId, dataDisk("data", 128, true))); // equal: no redefine
        assertThat(exec(name, "cat /sys/block/vdb/size")).isEqualTo(Long.toString(128 * MIB / 512));
    }

    private Path volume(String vmId) {
        return datastore.resolve(Names.volumeFile(vmId, "data"));
    }

    /** A number from {@code qemu-img info --output=json -U}. */
    private static long info(Path volume, Pattern field) throws IOException {
        TestHost.Result r = TestHost.run(Duration.ofSeconds(30), "qemu-img", "info", "-U", "--output=json",
                volume.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        Matcher m = field.matcher(r.output());
        assertThat(m.find()).as("%s in %s", field, r.output()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
