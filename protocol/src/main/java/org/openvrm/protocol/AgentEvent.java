package org.openvrm.protocol;

import static java.util.Objects.requireNonNull;

import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.StateChangeCause;

/** What an agent tells the manager without being asked. */
public sealed interface AgentEvent {

    /** A domain changed power state; {@code cause} tells whether anyone asked for it. */
    record DomainChanged(DomainStatus status, StateChangeCause cause) implements AgentEvent {
        public DomainChanged {
            requireNonNull(status, "status is null");
            requireNonNull(cause, "cause is null");
        }
    }
}
