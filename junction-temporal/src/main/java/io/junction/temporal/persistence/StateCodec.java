package io.junction.temporal.persistence;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Turns the engine's mutable state objects into the bytes of the {@code executions.state} column and back. */
public final class StateCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new ProtoModule())
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StateCodec() {}

    public static byte[] encode(Object state) {
        try {
            return MAPPER.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new StoreException("cannot encode workflow state: " + e.getMessage(), e);
        }
    }

    public static <T> T decode(byte[] data, Class<T> type) {
        try {
            return MAPPER.readValue(data, type);
        } catch (IOException e) {
            throw new StoreException("corrupt workflow state: " + e.getMessage(), e);
        }
    }
}
