package org.openvrm.protocol;

import static java.util.Objects.requireNonNull;

import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.GuestInfo;
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

    /**
     * What a running domain's guest agent says changed, or {@link GuestInfo#NONE} once when the agent stopped
     * answering or the domain stopped running. Sent only on change, so silence means "as before".
     */
    record GuestChanged(String vmId, GuestInfo info) implements AgentEvent {
        public GuestChanged {
            requireNonNull(vmId, "vmId is null");
            requireNonNull(info, "info is null");
        }
    }
}
