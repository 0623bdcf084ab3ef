package org.openvrm.api;

import java.time.Instant;

public record Cluster(
        String id, String name, String description, boolean memoryOvercommit,
        ClusterCapacity capacity, Instant createdAt) {}
