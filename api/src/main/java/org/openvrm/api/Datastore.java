package org.openvrm.api;

import java.time.Instant;

/** @param provisionedMb the sum of the sizes of the disks on it, thin or thick */
public record Datastore(
        String id, String name, String type, String path, long capacityMb, long provisionedMb, String description,
        Instant createdAt) {}
