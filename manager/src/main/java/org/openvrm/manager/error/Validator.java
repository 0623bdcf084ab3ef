package org.openvrm.manager.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.openvrm.api.Problem.FieldError;

/** Collects every field error of a request, so the caller hears about all of them at once. */
public final class Validator {

    public static final int MAX_NAME = 80;
    public static final int MAX_DESCRIPTION = 1000;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:@()\\-]*");

    private final List<FieldError> errors = new ArrayList<>();

    public Validator add(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
        return this;
    }

    public Validator addAll(List<FieldError> more) {
        errors.addAll(more);
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public <T> T required(String field, T value) {
        if (value == null) {
            add(field, "FIELD_REQUIRED", field + " is required");
        }
        return value;
    }

    /** A name people type: 1..80 characters, letters/digits first, no control characters or odd punctuation. */
    public void name(String field, String value) {
        if (required(field, value) == null) {
            return;
        }
        if (value.isEmpty() || value.length() > MAX_NAME) {
            add(field, "INVALID_NAME", field + " must be 1 to " + MAX_NAME + " characters, got " + value.length());
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            add(field, "INVALID_NAME", field + " must not contain control characters");
        } else if (!NAME.matcher(value).matches() || value.endsWith(" ")) {
            add(field, "INVALID_NAME", field + " must start with a letter or digit and contain only letters, "
                    + "digits, spaces and . _ : @ ( ) -");
        }
    }

    public void description(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_DESCRIPTION) {
            add(field, "VALUE_TOO_LONG", field + " must be at most " + MAX_DESCRIPTION + " characters");
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            add(field, "INVALID_TEXT", field + " must not contain control characters other than newline and tab");
        }
    }

    public void range(String field, Number value, long min, long max, String unit) {
        if (value == null) {
            return;
        }
        long v = value.longValue();
        if (v < min || v > max) {
            add(field, "VALUE_OUT_OF_RANGE", field + " must be between " + min + " and " + max
                    + (unit.isEmpty() ? "" : " " + unit) + ", got " + v);
        }
    }

    public void oneOf(String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(field, "VALUE_NOT_ALLOWED", field + " must be one of " + allowed.stream().sorted().toList()
                    + ", got '" + value + "'");
        }
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ApiException.InvalidInput(errors);
        }
    }
}
