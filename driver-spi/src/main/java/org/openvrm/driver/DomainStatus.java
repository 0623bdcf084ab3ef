package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

/**
 * A domain as the hypervisor sees it.
 *
 * @param vmId the manager's VM id (the domain name/UUID mapping is the driver's business)
 * @param generation the generation of the spec it was defined from, so a reconciler can tell stale definitions
 */
public record DomainStatus(String vmId, PowerState state, long generation) {
    public DomainStatus {
        requireNonNull(vmId, "vmId is null");
        requireNonNull(state, "state is null");
    }
}
