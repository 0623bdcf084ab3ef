package org.openvrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SideBySideXmlTest {

    /** The shape of `virsh dumpxml --inactive` of a domain the libvirt driver defined (trimmed). */
    private static final String DEFINED = """
            <domain type='qemu'>
              <name>vrm-bench-1a2b3c-m-vm-0011</name>
              <uuid>6f1c2d3e-0000-4000-8000-000000000011</uuid>
              <title>side-1</title>
              <metadata>
                <openvrm:domain xmlns:openvrm="https://openvrm.org/xmlns/libvirt/domain/1">
                  <openvrm:vmId>vm-0011</openvrm:vmId>
                  <openvrm:volume path="/tmp/vrm-bench-1a2b3c-9/ds/vm-0011-d1.qcow2"/>
                </openvrm:domain>
              </metadata>
              <memory unit='KiB'>131072</memory>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/tmp/vrm-bench-1a2b3c-9/ds/vm-0011-d1.qcow2'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <interface type='bridge'>
                  <mac address='52:54:00:12:34:56'/>
                  <source bridge='vrm-0011abcd'/>
                </interface>
                <serial type='pty'>
                  <log file='/var/log/libvirt/qemu/vrm-bench-1a2b3c-m-vm-0011-serial.log' append='off'/>
                </serial>
              </devices>
            </domain>
            """;

    @Test
    void theCopyHasItsOwnNameDiskAndLogAndNothingThatTiesItToTheManager() {
        String xml = SideBySide.renamed(DEFINED, "vrm-bench-1a2b3c-m-vm-0011", "/tmp/vrm-bench-1a2b3c-9/ds",
                "vrm-bench-1a2b3c-v-3", Path.of("/tmp/vrm-bench-1a2b3c-9/ds/vrm-bench-1a2b3c-v-3.qcow2"));

        assertThat(xml).contains("<name>vrm-bench-1a2b3c-v-3</name>",
                "<source file='/tmp/vrm-bench-1a2b3c-9/ds/vrm-bench-1a2b3c-v-3.qcow2'/>",
                "/var/log/libvirt/qemu/vrm-bench-1a2b3c-v-3-serial.log",
                "<source bridge='vrm-0011abcd'/>", "<memory unit='KiB'>131072</memory>");
        assertThat(xml).doesNotContain("<uuid>", "<metadata>", "openvrm:", "<title>", "<mac ", "vm-0011-d1.qcow2",
                "-m-vm-0011");
    }
}
