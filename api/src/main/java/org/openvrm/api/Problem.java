package org.openvrm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error, as RFC 9457 problem JSON with a stable {@code code} and the {@code field} at fault.
 *
 * @param errors every field error when there are several (the first is repeated in code/field)
 * @param reasons free-form explanations, e.g. why each host was rejected by placement
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type, String title, int status, String code, String detail, String field,
        List<FieldError> errors, List<String> reasons) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public record FieldError(String field, String code, String message) {}
}
