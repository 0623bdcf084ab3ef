package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvrm.driver.HostInventory;
import org.openvrm.driver.VirtualizationType;

/** The inventory against what Linux itself says about this machine. */
class LibvirtInventoryTest {

    @BeforeAll
    static void host() {
        TestHost.requireLibvirt();
    }

    @Test
    void matchesTheKernelsView() throws Exception {
        try (LibvirtDriver driver = new LibvirtDriver(TestHost.config())) {
            HostInventory inv = driver.inventory();
            String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
            Matcher mem = Pattern.compile("MemTotal:\\s+(\\d+)").matcher(Files.readString(Path.of("/proc/meminfo")));
            assertThat(mem.find()).isTrue();

            assertThat(inv.logicalCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(inv.memoryMb()).as("all of the memory, not NUMA cell 0's")
                    .isEqualTo(Long.parseLong(mem.group(1)) / 1024);
            assertThat(inv.mhz()).isGreaterThan(100);
            VirtualizationType expected = VirtualizationProbe.cpuHasVmxOrSvm(cpuinfo)
                    && Files.isWritable(Path.of("/dev/kvm")) ? inv.virtualization() : VirtualizationType.QEMU_TCG;
            assertThat(inv.virtualization()).isEqualTo(expected);
            assertThat(driver.hostFacts().virtualization()).isEqualTo(inv.virtualization());
        }
    }
}
