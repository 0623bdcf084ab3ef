package org.openvrm.core.qos;

import java.util.Objects;

/**
 * One broken rule in a request: the JSON path of the field (such as
 * {@code disks[1].ioLimits.readIops}), a stable code from {@link QosRules} and a sentence for humans.
 */
public record Violation(String field, String code, String message) {

    public Violation {
        Objects.requireNonNull(field, "field is null");
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(message, "message is null");
        if (code.isBlank()) {
            throw new IllegalArgumentException("code is blank");
        }
    }
}
