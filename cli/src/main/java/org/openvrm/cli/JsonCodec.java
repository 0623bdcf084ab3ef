package org.openvrm.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The CLI's JSON. Lenient where the manager is strict: a newer manager may add fields and an older CLI must
 * still read its answers. Requests leave nulls out, so the body is exactly what the user asked for.
 */
final class JsonCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .build();

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    String pretty(JsonNode node) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws JsonProcessingException when {@code text} is not JSON; the caller decides what that means */
    JsonNode parse(String text) throws JsonProcessingException {
        return mapper.readTree(text);
    }

    <T> T convert(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new CliException.Api(200, new org.openvrm.api.Problem(null, null, 200, "UNEXPECTED_ANSWER",
                    "the manager's answer does not read as a " + type.getSimpleName() + ": "
                            + e.getOriginalMessage(), null, null, null));
        }
    }

    ObjectMapper mapper() {
        return mapper;
    }
}
