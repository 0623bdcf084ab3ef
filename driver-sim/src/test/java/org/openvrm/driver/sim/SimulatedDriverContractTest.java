package org.openvrm.driver.sim;

import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.HypervisorDriver;
import org.openvrm.driver.HypervisorDriverContract;

/** The driver contract on an instant, in-memory simulated host. */
class SimulatedDriverContractTest extends HypervisorDriverContract {

    @Override
    protected HypervisorDriver newDriver() {
        return new SimulatedDriver(SimHostConfig.of("sim-contract", 8, 2400, 64 * 1024));
    }

    @Override
    protected DomainSpec specFor(String vmId) {
        return Specs.spec(vmId);
    }
}
