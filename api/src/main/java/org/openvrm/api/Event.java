package org.openvrm.api;

import java.time.Instant;

/** @param severity INFO, WARNING or ERROR */
public record Event(
        long id, Instant time, String severity, String type, String targetType, String targetId, String message,
        String taskId) {}
