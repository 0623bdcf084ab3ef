package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden file is XML this libvirt accepts (renamed vrm-test-golden-*, defined and undefined at once). */
class GoldenXmlAcceptedByLibvirtTest {

    @BeforeAll
    static void host() {
        TestHost.requireLibvirt();
    }

    static Stream<Path> goldenFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("goldenFiles")
    void libvirtAcceptsIt(Path golden, @TempDir Path tmp) throws IOException {
        String name = TestHost.PREFIX + "golden-" + golden.getFileName().toString().replace(".xml", "");
        String xml = Files.readString(golden).replaceFirst("<name>[^<]*</name>", "<name>" + name + "</name>")
                .replaceFirst("<uuid>[^<]*</uuid>", "");
        Path file = Files.writeString(tmp.resolve("domain.xml"), xml);
        TestHost.virsh("define", "--validate", file.toString());
        try {
            String back = TestHost.virsh("dumpxml", "--inactive", name);
            assertThat(DomainMetadata.parse(back)).as("metadata survives libvirt").isPresent()
                    .isEqualTo(DomainMetadata.parse(xml));
            if (xml.contains("<iotune>")) {
                assertThat(back).as("QoS survives libvirt").contains("<iotune>", "<write_bytes_sec>2097152<",
                        "<total_iops_sec>300<", "<soft_limit unit='KiB'>65536<", "<currentMemory unit='KiB'>196608<");
            }
            for (String element : List.of("org.qemu.guest_agent.0", "<panic model='isa'", "<memballoon model='virtio'")) {
                assertThat(back).contains(element);
            }
        } finally {
            TestHost.virsh("undefine", name);
        }
    }
}
