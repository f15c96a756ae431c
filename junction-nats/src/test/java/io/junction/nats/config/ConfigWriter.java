package io.junction.nats.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Writes plain Java values as nats.conf text, varying separators, for round-trip tests. */
final class ConfigWriter {
    private static final String[] SEPARATORS = {": ", " = ", " ", ":", "="};

    private ConfigWriter() {}

    static String document(Map<String, Object> map) {
        var out = new StringBuilder();
        entries(map, "", out);
        return out.toString();
    }

    private static void entries(Map<String, Object> map, String indent, StringBuilder out) {
        for (var entry : map.entrySet()) {
            var separator = SEPARATORS[Math.floorMod(entry.getKey().hashCode(), SEPARATORS.length)];
            out.append(indent).append(entry.getKey()).append(separator);
            value(entry.getValue(), indent, out);
            out.append('\n');
        }
    }

    @SuppressWarnings("unchecked")
    private static void value(Object value, String indent, StringBuilder out) {
        switch (value) {
            case String text -> quoted(text, out);
            case Double number -> out.append(decimal(number));
            case List<?> list -> {
                out.append("[\n");
                for (var element : list) {
                    out.append(indent).append("  ");
                    value(element, indent + "  ", out);
                    out.append('\n');
                }
                out.append(indent).append(']');
            }
            case Map<?, ?> map -> {
                out.append("{\n");
                entries((Map<String, Object>) map, indent + "  ", out);
                out.append(indent).append('}');
            }
            default -> out.append(value);
        }
    }

    private static void quoted(String text, StringBuilder out) {
        out.append('"');
        for (var i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    /** nats.conf floats have digits on both sides of the point and no exponent. */
    private static String decimal(double number) {
        var plain = new BigDecimal(Double.toString(number)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
