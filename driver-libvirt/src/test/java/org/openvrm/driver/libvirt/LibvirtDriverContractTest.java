package org.openvrm.driver.libvirt;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.HypervisorDriver;
import org.openvrm.driver.HypervisorDriverContract;

/** The driver contract on the real libvirtd + QEMU of this machine, with the tiny guest. */
class LibvirtDriverContractTest extends HypervisorDriverContract {

    private static Path datastore;

    @BeforeAll
    static void host() {
        TestHost.requireLibvirt();
        TestHost.tinyGuest();
        TestHost.bridge();
        datastore = TestHost.newDatastore("contract");
    }

    @AfterAll
    static void cleanUp() {
        if (datastore != null) {
            TestHost.cleanUp(datastore);
        }
    }

    @Override
    protected HypervisorDriver newDriver() {
        return new LibvirtDriver(TestHost.config());
    }

    @Override
    protected DomainSpec specFor(String vmId) {
        return TestHost.tinySpec(vmId, datastore);
    }

    @Override
    protected Duration eventTimeout() {
        return Duration.ofSeconds(60);
    }

    /** Under TCG on a loaded machine the agent answers 8-20 s after start (guest/README.md); margin for more. */
    @Override
    protected Duration guestTimeout() {
        return Duration.ofSeconds(180);
    }

    @Override
    protected long shutdownTimeoutMillis() {
        return 120_000;
    }
}
