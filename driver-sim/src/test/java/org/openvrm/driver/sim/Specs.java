package org.openvrm.driver.sim;

import java.util.List;
import org.openvrm.driver.DomainSpec;

/** Small domains for tests. */
final class Specs {

    static final String DISK_ID = "root";

    private Specs() {
    }

    static DomainSpec spec(String vmId) {
        return spec(vmId, 512);
    }

    static DomainSpec spec(String vmId, long memoryMb) {
        return spec(vmId, memoryMb, 1);
    }

    static DomainSpec spec(String vmId, long memoryMb, long generation) {
        return new DomainSpec(vmId, "vm-" + vmId, generation, 1, 2, memoryMb,
                List.of(new DomainSpec.DiskSpec(DISK_ID, 1024, "/var/lib/openvrm/ds1", null, false, "virtio")),
                List.of(new DomainSpec.NicSpec("52:54:00:00:00:01", "br0", "virtio")),
                List.of("disk", "network"));
    }
}
