package org.openvrm.manager.cluster;

import java.time.Instant;

public record ClusterRecord(String id, String name, String description, boolean memoryOvercommit, Instant createdAt) {}
