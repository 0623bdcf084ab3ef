package org.openvrm.api;

import java.time.Instant;

/**
 * A condition that needs an operator, raised and cleared by the manager. At most one alarm per code and resource is
 * active (not cleared) at a time.
 *
 * @param code what is wrong, e.g. HOST_DISCONNECTED, HOST_FAILED
 * @param severity INFO, WARNING or ERROR
 * @param clearedAt when the condition ended; null while the alarm is active
 * @param acknowledgedAt when an operator acknowledged it; null until then
 */
public record Alarm(
        String id, String code, String severity, String resourceType, String resourceId, String resourceName,
        String message, Instant raisedAt, Instant clearedAt, boolean active, boolean acknowledged,
        Instant acknowledgedAt) {}
