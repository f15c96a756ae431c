package io.junction.nats.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes a {@code double} as Go's {@code encoding/json} writes a {@code float64}: {@code 2} rather than {@code 2.0}
 * and {@code 0.0001} rather than {@code 1.0E-4}, in the shortest form that reads back to the same value.
 */
final class GoFloatSerializer extends StdSerializer<Double> {
    GoFloatSerializer() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        var magnitude = Math.abs(value);
        if (!Double.isFinite(value) || magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)) {
            generator.writeNumber(value);
        } else {
            generator.writeNumber(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
        }
    }
}
