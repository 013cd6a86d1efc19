package io.github.tsbackfill.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * Rows handed to {@code jsonb_populate_recordset} in one parameter: records written as JSON objects keyed by the
 * snake_case of their components, so each value lands in the column of its name, never in another's place.
 */
final class Recordset {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private Recordset() {
    }

    static String of(List<? extends Record> rows) {
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rows as JSON", e);
        }
    }

    /** A JSON value read as a tree, to be written again inside a row. */
    static JsonNode tree(String json) throws JsonProcessingException {
        return JSON.readTree(json);
    }
}
