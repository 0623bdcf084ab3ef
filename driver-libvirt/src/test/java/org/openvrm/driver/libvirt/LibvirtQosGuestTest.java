package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.CpuTune;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.MemTune;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.Tuning;

/**
 * Live QoS measured on the real hypervisor: a guest writes with dd (O_DIRECT, on a data disk of its own so the
 * root file system is not involved) and the host counts what QEMU wrote (libvirt's block stats) over a window after
 * a warm-up; a guest spins and the host counts its CPU time; a guest's balloon is moved and the guest's own
 * MemTotal follows. Every change is made on the running guest (no restart: same boot_id), and what libvirt reports
 * through virsh (schedinfo, blkdeviotune, memtune, dominfo) is compared with what was set.
 */
class LibvirtQosGuestTest extends RealGuestTest {

    @Override
    protected String label() {
        return "qos";
    }

    @Test
    void diskLimitsHoldAWritingGuestAndChangeLiveAsDoesItsBalloon() {
        String vmId = newVmId("qos-disk");
        DomainSpec plain = tinySpec(vmId, dataDisk("data", 256, false));
        DomainSpec spec = plain.withTuning(withDisk(plain.tuning(), "data", new IoTune(0, 2_048 * 1024, 0, 0, 0, 0)));
        String name = startAndAwaitAgent(spec);
        String bootId = exec(name, "cat /proc/sys/kernel/random/boot_id");
        awaitTrue(Duration.ofSeconds(60), "/data mounted", () -> exec(name, "grep -c ' /data ' /proc/mounts || true")
                .equals("1"));
        assertThat(blkdeviotune(name, "vdb")).containsEntry("write_bytes_sec", "2097152")
                .containsEntry("write_iops_sec", "0");

        exec(name, "(dd if=/dev/zero of=/data/f bs=64k count=4000 oflag=direct) </dev/null >/dev/null 2>&1 &");
        double bytes2048 = writeRate(name, "wr_bytes");
        stopDd(name);

        Tuning half = withDisk(spec.tuning(), "data", new IoTune(0, 1_024 * 1024, 0, 0, 0, 0));
        driver.tune(vmId, half, ProgressSink.NONE);
        assertThat(blkdeviotune(name, "vdb")).containsEntry("write_bytes_sec", "1048576");
        exec(name, "(dd if=/dev/zero of=/data/f bs=64k count=4000 oflag=direct) </dev/null >/dev/null 2>&1 &");
        double bytes1024 = writeRate(name, "wr_bytes");
        stopDd(name);

        Tuning iops = withDisk(spec.tuning(), "data", new IoTune(0, 0, 0, 0, 100, 0));
        driver.tune(vmId, iops, ProgressSink.NONE);
        assertThat(blkdeviotune(name, "vdb")).containsEntry("write_iops_sec", "100")
                .containsEntry("write_bytes_sec", "0");
        exec(name, "(dd if=/dev/zero of=/data/g bs=4k count=20000 oflag=direct) </dev/null >/dev/null 2>&1 &");
        double iops100 = writeRate(name, "wr_req");
        stopDd(name);
        assertThat(driver.tuning(vmId).disks().get("data")).isEqualTo(new IoTune(0, 0, 0, 0, 100, 0));

        // the balloon, live: the guest's MemTotal drops, libvirt (dominfo) and tuning() agree
        long memTotalBefore = memTotalKib(name);
        Tuning ballooned = new Tuning(iops.cpu(), new MemTune(160, 64), iops.disks(), iops.nics());
        driver.tune(vmId, ballooned, ProgressSink.NONE);
        awaitTrue(Duration.ofSeconds(60), "the balloon at 160 MB",
                () -> driver.tuning(vmId).memory().equals(new MemTune(160, 64)));
        long memTotalAfter = memTotalKib(name);
        assertThat(dominfo(name)).containsEntry("Used memory", (160 * 1024) + " KiB")
                .containsEntry("Max memory", (256 * 1024) + " KiB");
        assertThat(memtune(name)).containsEntry("soft_limit", Long.toString(64 * 1024));
        assertThat(exec(name, "cat /proc/sys/kernel/random/boot_id")).as("no restart").isEqualTo(bootId);

        System.out.printf("disk qos: %.0f KB/s against a 2048 KB/s write limit, %.0f KB/s after a live change to "
                + "1024 KB/s, %.1f write IOPS against a 100 IOPS limit; balloon 256 -> 160 MB: guest MemTotal %d -> "
                + "%d KiB%n", bytes2048 / 1024, bytes1024 / 1024, iops100, memTotalBefore, memTotalAfter);
        assertThat(bytes2048 / 1024).as("KB/s written against a 2048 KB/s limit").isBetween(2048 * 0.8, 2048 * 1.2);
        assertThat(bytes1024 / 1024).as("KB/s written after the live change to 1024 KB/s")
                .isBetween(1024 * 0.8, 1024 * 1.2);
        assertThat(iops100).as("write IOPS against a 100 IOPS limit").isBetween(80.0, 120.0);
        assertThat(memTotalBefore - memTotalAfter).as("MemTotal drop in KiB, about 96 MB")
                .isBetween(80L * 1024, 112L * 1024);
    }

    @Test
    void aLiveChangeOfTheCpuLimitTakesEffectWithoutARestart() {
        String vmId = newVmId("qos-cpu");
        DomainSpec plain = tinySpec(vmId);
        DomainSpec spec = plain.withTuning(new Tuning(new CpuTune(1000, 100_000, 50_000), plain.memTune(),
                plain.tuning().disks(), plain.tuning().nics()));
        String name = startAndAwaitAgent(spec);
        String bootId = exec(name, "cat /proc/sys/kernel/random/boot_id");
        exec(name, SPIN);
        double half = coresUsed(name);

        Tuning quarter = new Tuning(new CpuTune(1500, 100_000, 25_000), spec.memTune(), spec.tuning().disks(),
                spec.tuning().nics());
        driver.tune(vmId, quarter, ProgressSink.NONE);
        assertThat(schedinfo(name)).containsEntry("cpu_shares", "1500").containsEntry("vcpu_period", "100000")
                .containsEntry("vcpu_quota", "25000");
        assertThat(driver.tuning(vmId).cpu()).isEqualTo(quarter.cpu());
        double quarterUsed = coresUsed(name);
        assertThat(exec(name, "cat /proc/sys/kernel/random/boot_id")).as("no restart").isEqualTo(bootId);
        // the definition has it too: a later cold start keeps the quarter (and define of the tuned spec is a no-op)
        assertThat(TestHost.virsh("dumpxml", "--inactive", name)).contains("<quota>25000</quota>");
        driver.define(spec.withTuning(quarter), ProgressSink.NONE);

        // the contrast, also live: no limit at all
        Tuning free = new Tuning(new CpuTune(1500, 100_000, CpuTune.UNLIMITED), quarter.memory(), quarter.disks(),
                quarter.nics());
        driver.tune(vmId, free, ProgressSink.NONE);
        assertThat(Long.parseLong(schedinfo(name).get("vcpu_quota"))).isLessThan(0);
        assertThat(driver.tuning(vmId).cpu()).isEqualTo(free.cpu());
        double freeUsed = coresUsed(name);

        // NIC shaping lives on the host only while QEMU does: tuned live, it is there; once stopped, released
        String mac = spec.nics().getFirst().mac();
        Tuning shaped = new Tuning(free.cpu(), free.memory(), free.disks(), Map.of(mac,
                new org.openvrm.driver.NicBandwidth(new org.openvrm.driver.Bandwidth(1000, 0, 0),
                        new org.openvrm.driver.Bandwidth(500, 0, 0))));
        driver.tune(vmId, shaped, ProgressSink.NONE);
        assertThat(driver.tuning(vmId).nics()).isEqualTo(shaped.nics());
        String ifb = "ifb" + mac.replace(":", "").toLowerCase(java.util.Locale.ROOT);
        assertThat(ipLinkExists(ifb)).as("the outbound ifb %s while running", ifb).isTrue();
        driver.destroy(vmId, ProgressSink.NONE);
        awaitTrue(Duration.ofSeconds(30), ifb + " released after the stop", () -> !ipLinkExists(ifb));
        assertThat(driver.tuning(vmId).nics()).as("a stopped domain's NICs: as recorded").isEqualTo(shaped.nics());

        System.out.printf("cpu qos live: %.3f cores with quota 50000/100000, %.3f after a live change to 25000, "
                + "%.3f after a live change to no limit%n", half, quarterUsed, freeUsed);
        // On a host busy with other work the guest gets less than its quota and the limit cannot show: then there
        // is nothing to measure (this test asserts what the limit does, not how busy the host is). Above 0.65 the
        // host gives more than the half-core cap's upper bound, so a capped guest held to 0.40-0.60 is the cap.
        Assumptions.assumeTrue(freeUsed > 0.65, () -> String.format("host too busy to measure a CPU limit: the "
                + "unlimited guest got only %.2f of a core", freeUsed));
        assertThat(half).as("cores used with half a core").isBetween(0.40, 0.60);
        assertThat(quarterUsed).as("cores used after the live change to a quarter").isBetween(0.15, 0.35);
    }

    @Test
    void aDomainDefinedByTheVersionBeforeTuningIsTunedAndStillEqualsItsSpec() throws java.io.IOException {
        String vmId = newVmId("qos-legacy");
        DomainSpec spec = tinySpec(vmId);
        driver.define(spec, ProgressSink.NONE);
        String name = driver.domainName(vmId);
        // the domain as the version before wrote it: no <openvrm:tuning>, the fingerprint of its spec text
        String old = TestHost.virsh("dumpxml", "--inactive", name)
                .replaceAll("(?s)<openvrm:tuning .*?</openvrm:tuning>\\s*", "")
                .replaceAll("<openvrm:fingerprint>[^<]*<", "<openvrm:fingerprint>" + SpecFingerprint.preTuning(spec)
                        + "<");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("legacy", ".xml");
        try {
            java.nio.file.Files.writeString(file, old);
            TestHost.virsh("define", file.toString());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        String before = TestHost.virsh("dumpxml", "--inactive", name);
        assertThat(before).doesNotContain("openvrm:tuning");
        driver.define(spec, ProgressSink.NONE); // matched by its old fingerprint: nothing to do
        assertThat(TestHost.virsh("dumpxml", "--inactive", name)).isEqualTo(before);

        Tuning t = withDisk(new Tuning(new CpuTune(1500, 100_000, 50_000), new MemTune(192, 64),
                spec.tuning().disks(), spec.tuning().nics()), "root", new IoTune(0, 1_048_576, 0, 0, 0, 0));
        driver.tune(vmId, t, ProgressSink.NONE);
        assertThat(driver.tuning(vmId)).isEqualTo(t);
        String tuned = TestHost.virsh("dumpxml", "--inactive", name);
        driver.define(spec.withTuning(t), ProgressSink.NONE); // the tuned spec: nothing to do
        assertThat(TestHost.virsh("dumpxml", "--inactive", name)).isEqualTo(tuned);
        assertThat(DomainMetadata.parse(tuned).orElseThrow().fingerprint())
                .isEqualTo(SpecFingerprint.preTuning(spec));
    }

    private static boolean ipLinkExists(String device) {
        try {
            return TestHost.run(Duration.ofSeconds(20), "ip", "link", "show", "dev", device).exit() == 0;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Tuning withDisk(Tuning t, String diskId, IoTune io) {
        Map<String, IoTune> disks = new HashMap<>(t.disks());
        disks.put(diskId, io);
        return new Tuning(t.cpu(), t.memory(), disks, t.nics());
    }

    /** What QEMU wrote to vdb per second (bytes or requests) over the window after the warm-up. */
    private static double writeRate(String name, String field) {
        sleep(WARM_UP_MS);
        long v0 = blockStat(name, field);
        long t0 = System.nanoTime();
        sleep(WINDOW_MS);
        return (blockStat(name, field) - v0) / ((System.nanoTime() - t0) / 1e9);
    }

    private static long blockStat(String name, String field) {
        for (String line : TestHost.virsh("domblkstat", name, "vdb").lines().toList()) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 3 && parts[1].equals(field)) {
                return Long.parseLong(parts[2]);
            }
        }
        throw new AssertionError("no " + field + " in domblkstat of " + name);
    }

    private static void stopDd(String name) {
        exec(name, "killall dd 2>/dev/null; sleep 1; rm -f /data/f /data/g; true");
    }

    private static long memTotalKib(String name) {
        String line = exec(name, "grep MemTotal /proc/meminfo");
        return Long.parseLong(line.replaceAll("\\D+", ""));
    }

    private static Map<String, String> blkdeviotune(String name, String disk) {
        return colonTable(TestHost.virsh("blkdeviotune", name, disk));
    }

    private static Map<String, String> memtune(String name) {
        return colonTable(TestHost.virsh("memtune", name));
    }

    private static Map<String, String> dominfo(String name) {
        return colonTable(TestHost.virsh("dominfo", name));
    }

}
