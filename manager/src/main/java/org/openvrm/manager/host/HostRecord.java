package org.openvrm.manager.host;

import java.time.Instant;
import org.openvrm.api.HostHardware;
import org.openvrm.api.SimHostSpec;

/**
 * @param simSpec the simulated hardware, for driver "sim"
 * @param hardware what the agent reported; null until it connected once
 */
public record HostRecord(
        String id, String name, String clusterId, String driver, HostState state, String stateReason,
        SimHostSpec simSpec, HostHardware hardware, Instant createdAt, Instant updatedAt) {

    /** A host simulated by the manager itself. */
    public static final String SIM = "sim";
    /** This machine, driven through its libvirtd (remote libvirt hosts come with remote agents). */
    public static final String LIBVIRT = "libvirt";
    /** A host whose agent runs in its own process ({@code vrm agent}) and dials the manager over mutual TLS. */
    public static final String REMOTE = "remote";
}
