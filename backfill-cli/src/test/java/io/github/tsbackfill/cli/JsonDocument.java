package io.github.tsbackfill.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/** Reads what {@code --output json} printed for assertions: exactly one JSON object; integers as Long. */
final class JsonDocument {

    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonDocument() {
    }

    static Map<String, Object> object(String text) {
        try {
            return READER.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new AssertionError("not one JSON object: " + e.getOriginalMessage() + "\n" + text, e);
        }
    }
}
