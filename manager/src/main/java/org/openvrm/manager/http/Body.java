package org.openvrm.manager.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import org.openvrm.manager.Json;
import org.openvrm.manager.error.ApiException.InvalidInput;

/** Reads a request body strictly and turns every way it can be wrong into a field-level 400. */
final class Body {

    private final Json json;

    Body(Json json) {
        this.json = json;
    }

    <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new InvalidInput(null, "INVALID_JSON", "the request body is empty; send a JSON object");
        }
        T value;
        try {
            value = json.mapper().readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInput(path(e), "UNKNOWN_FIELD", "unknown field '" + e.getPropertyName()
                    + "'; known fields: " + e.getKnownPropertyIds());
        } catch (InputCoercionException e) {
            throw new InvalidInput(currentName(e), "VALUE_OUT_OF_RANGE", "number out of range: "
                    + e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            String path = path(e);
            throw new InvalidInput(path, "INVALID_TYPE", (path == null ? "the body" : path) + " must be "
                    + expected(e.getTargetType()));
        } catch (JsonParseException e) {
            throw new InvalidInput(currentName(e), "INVALID_JSON", "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            String path = path(e);
            throw new InvalidInput(path, e.getCause() instanceof InputCoercionException ? "VALUE_OUT_OF_RANGE"
                    : "INVALID_JSON", (path == null ? "" : path + ": ") + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new InvalidInput(null, "INVALID_JSON", "malformed JSON: " + e.getOriginalMessage());
        }
        if (value == null) {
            throw new InvalidInput(null, "INVALID_JSON", "the body must be a JSON object, not null");
        }
        return value;
    }

    /** The field the parser was in when it failed, or null at the top level (the whole body is at fault). */
    private static String currentName(JacksonException e) {
        try {
            var p = e.getProcessor();
            return p instanceof com.fasterxml.jackson.core.JsonParser parser ? parser.currentName() : null;
        } catch (RuntimeException | java.io.IOException ignored) {
            return null;
        }
    }

    /** "disks[0].sizeMb" from Jackson's reference chain; null when the whole body is at fault. */
    static String path(JsonMappingException e) {
        var sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
