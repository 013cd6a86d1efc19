package io.github.tsbackfill.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Writes results (records, lists, maps, scalars) as JSON: record components in their order, durations as
 * seconds, enums in lower case, times in ISO 8601. {@code JsonTest} pins the documents scripts read.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule()
                    .addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
                        @Override
                        public void serialize(Duration d, JsonGenerator out, SerializerProvider p) throws IOException {
                            out.writeNumber(d.toMillis() / 1000.0);
                        }
                    })
                    .addSerializer(Enum.class, new StdSerializer<>(Enum.class) {
                        @Override
                        public void serialize(Enum e, JsonGenerator out, SerializerProvider p) throws IOException {
                            out.writeString(e.name().toLowerCase(Locale.ROOT));
                        }
                    })
                    .addSerializer(OffsetDateTime.class, ToStringSerializer.instance))
            .build();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
