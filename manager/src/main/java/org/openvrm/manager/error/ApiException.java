package org.openvrm.manager.error;

import java.util.List;
import org.openvrm.api.Problem.FieldError;

/**
 * Every error the API answers with, a closed set; {@code http.ProblemMapper} maps each kind to its status once.
 * Each carries a stable code and, where one field is at fault, its JSON path.
 */
public sealed abstract class ApiException extends RuntimeException {

    private final String code;
    private final String field;

    private ApiException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** 400: the request itself is malformed or a value is out of range; lists every field at fault. */
    public static final class InvalidInput extends ApiException {
        private final List<FieldError> errors;

        public InvalidInput(List<FieldError> errors) {
            super(errors.getFirst().code(), errors.getFirst().field(), errors.getFirst().message());
            this.errors = List.copyOf(errors);
        }

        public InvalidInput(String field, String code, String message) {
            this(List.of(new FieldError(field, code, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** 404: a referenced id does not exist. */
    public static final class NotFound extends ApiException {
        public NotFound(String field, String kind, String id) {
            super("NOT_FOUND", field, "no " + kind + " with id '" + id + "'");
        }
    }

    /** 409: the request is valid but conflicts with the current state (a name taken, a VM in the wrong state). */
    public static final class Conflict extends ApiException {
        private final List<String> reasons;

        public Conflict(String code, String field, String message, List<String> reasons) {
            super(code, field, message);
            this.reasons = List.copyOf(reasons);
        }

        public Conflict(String code, String field, String message) {
            this(code, field, message, List.of());
        }

        public List<String> reasons() {
            return reasons;
        }
    }

    /** 422: well-formed but impossible here, e.g. a VM larger than any host; reasons say why, per host. */
    public static final class Unprocessable extends ApiException {
        private final List<String> reasons;

        public Unprocessable(String code, String field, String message, List<String> reasons) {
            super(code, field, message);
            this.reasons = List.copyOf(reasons);
        }

        public List<String> reasons() {
            return reasons;
        }
    }
}
