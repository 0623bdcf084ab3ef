package org.openvrm.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.HostInventory;

/** An agent's full state, sent on (re)connect so the manager can reconcile. */
public record HostReport(HostInventory inventory, List<DomainStatus> domains) {
    public HostReport {
        requireNonNull(inventory, "inventory is null");
        domains = List.copyOf(domains);
    }
}
