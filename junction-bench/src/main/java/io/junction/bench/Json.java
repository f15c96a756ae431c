package io.junction.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders maps, lists, strings, numbers and booleans as JSON; enough for the report, no more. */
final class Json {
    private Json() {}

    static String render(Object value) {
        var out = new StringBuilder();
        write(out, value, "");

        return out.toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> writeObject(out, map, indent);
            case List<?> list -> writeArray(out, list, indent);
            case String text -> writeString(out, text);
            case Double number -> out.append(Double.isFinite(number) ? round(number) : "null");
            case Number number -> out.append(number);
            case Boolean flag -> out.append(flag);
            default -> writeString(out, value.toString());
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map, String indent) {
        var inner = indent + "  ";
        out.append('{');
        var separator = "\n";
        for (var entry : map.entrySet()) {
            out.append(separator).append(inner);
            writeString(out, entry.getKey().toString());
            out.append(": ");
            write(out, entry.getValue(), inner);
            separator = ",\n";
        }
        out.append(map.isEmpty() ? "}" : "\n" + indent + "}");
    }

    private static void writeArray(StringBuilder out, List<?> list, String indent) {
        var inner = indent + "  ";
        out.append('[');
        var separator = "\n";
        for (var item : list) {
            out.append(separator).append(inner);
            write(out, item, inner);
            separator = ",\n";
        }
        out.append(list.isEmpty() ? "]" : "\n" + indent + "]");
    }

    private static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String round(double number) {
        return Math.abs(number) >= 1000
                ? Long.toString(Math.round(number))
                : String.format(Locale.ROOT, "%.4f", number);
    }
}
