package io.junction.nats.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Writes monitoring responses laid out like Go's {@code json.MarshalIndent(v, "", "  ")}, which is what people
 * reading nats-server's endpoints with curl are used to, with numbers as Go writes a {@code float64}. Thread-safe.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule()
                    .addSerializer(Double.class, new GoFloatSerializer())
                    .addSerializer(double.class, new GoFloatSerializer()));
    private static final ObjectWriter INDENTED = MAPPER.writer(indentedLikeGo());
    private static final ObjectWriter COMPACT = MAPPER.writer();

    private Json() {}

    static byte[] indented(Object value) {
        return write(INDENTED, value);
    }

    static byte[] compact(Object value) {
        return write(COMPACT, value);
    }

    private static byte[] write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static DefaultPrettyPrinter indentedLikeGo() {
        var separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        var printer = new DefaultPrettyPrinter(separators);
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        return printer;
    }
}
