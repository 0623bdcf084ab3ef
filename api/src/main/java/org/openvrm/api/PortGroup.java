package org.openvrm.api;

import java.time.Instant;

/** @param bridge the Linux bridge the agents plug this port group's NICs into */
public record PortGroup(
        String id, String name, Integer vlanId, String bridge, NetworkQos qos, String description,
        Instant createdAt) {}
