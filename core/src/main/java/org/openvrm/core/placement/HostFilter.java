package org.openvrm.core.placement;

import java.util.Optional;

/**
 * One feasibility rule. A rejection is a sentence a human can act on, naming the resource and
 * the shortfall, e.g. "memory: needs 65536 MB, 40960 MB free of 116326 MB usable".
 * Implementations are stateless and must not do I/O.
 */
public interface HostFilter {

    String name();

    /** Empty when the host can take the VM, else why not. */
    Optional<String> reject(VmDemand d, HostSnapshot h);

    /**
     * Whether the rule also guards powering on a VM that is already placed on the host
     * ({@link Placer#admitStart}). Spec limits do not: the VM is already counted.
     */
    default boolean appliesAtStart() {
        return true;
    }
}
