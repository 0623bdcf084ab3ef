package org.openvrm.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;

/** How a command ended on the agent. */
public sealed interface CommandOutcome {

    String commandId();

    /** @param status the domain after the command; empty once it is undefined */
    record Succeeded(String commandId, Optional<DomainStatus> status) implements CommandOutcome {
        public Succeeded {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(status, "status is null");
        }
    }

    record Failed(String commandId, DriverException.Reason reason, String message) implements CommandOutcome {
        public Failed {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(message, "message is null");
        }
    }
}
