package org.openvrm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A change in progress or done. Every call that changes something answers 202 with one of these.
 *
 * @param type e.g. "vm.create", "vm.start", "host.add"
 * @param state QUEUED, RUNNING, SUCCEEDED or FAILED
 * @param progress 0..100
 * @param attempts how many times the manager has run it (more than 1 after a manager restart)
 */
public record Task(
        String id, String type, String targetType, String targetId, String targetName, String state,
        int progress, String message, @JsonInclude(JsonInclude.Include.NON_NULL) TaskError error,
        Map<String, Object> result, int attempts, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public record TaskError(String code, String message) {}
}
