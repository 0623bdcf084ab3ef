package org.openvrm.api;

import java.time.Instant;

/**
 * @param state CONNECTING, CONNECTED, DISCONNECTED, FAILED or REMOVING
 * @param hardware null until the host's agent has reported it
 * @param capacity null until the hardware is known
 */
public record Host(
        String id, String name, String clusterId, String driver, String state, String stateReason,
        HostHardware hardware, HostCapacity capacity, Instant createdAt) {}
