package org.openvrm.driver.sim;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.HypervisorDriver;
import org.openvrm.driver.HypervisorDriverContract;

/** The driver contract again with a state directory and steps that take time, the paths the instant host skips. */
class PersistentSimulatedDriverContractTest extends HypervisorDriverContract {

    @TempDir
    Path stateDir;

    @Override
    protected HypervisorDriver newDriver() {
        return new SimulatedDriver(SimHostConfig.of("sim-contract-disk", 8, 2400, 64 * 1024)
                .withStepDelay(Duration.ofMillis(2))
                .withStateDir(stateDir));
    }

    @Override
    protected DomainSpec specFor(String vmId) {
        return Specs.spec(vmId);
    }
}
