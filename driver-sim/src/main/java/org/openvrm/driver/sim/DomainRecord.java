package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.PowerState;

/** One defined domain: what it was defined from and its power state. Immutable, so readers need no lock. */
record DomainRecord(DomainSpec spec, PowerState state) {

    DomainRecord {
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
    }

    String vmId() {
        return spec.vmId();
    }

    DomainRecord withState(PowerState newState) {
        return new DomainRecord(spec, newState);
    }

    DomainStatus status() {
        return new DomainStatus(spec.vmId(), state, spec.generation());
    }
}
