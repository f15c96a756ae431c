package io.junction.nats.monitor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request's query parameters, decoded as nats-server decodes them with Go's {@code strconv}: the first value of a
 * name counts, a missing or empty one means the zero value, and anything else that does not parse is a
 * {@link BadRequestException} carrying nats-server's text.
 */
final class QueryParameters {
    private static final Pattern SIGNED_DIGITS = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final Map<String, List<String>> parameters;

    QueryParameters(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    /** The first value, or the empty string when absent. */
    String string(String name) {
        var values = parameters.get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    boolean bool(String name) {
        var text = string(name);
        return switch (text) {
            case "" -> false;
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw invalid("boolean", name, "strconv.ParseBool", text, "invalid syntax");
        };
    }

    /** A signed decimal integer; values beyond an {@code int} saturate, as no page is that large anyway. */
    int integer(String name) {
        var text = string(name);
        if (text.isEmpty()) {
            return 0;
        }
        if (!SIGNED_DIGITS.matcher(text).matches()) {
            throw invalid("int", name, "strconv.Atoi", text, "invalid syntax");
        }
        try {
            var value = Long.parseLong(text);
            return (int) Math.clamp(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw invalid("int", name, "strconv.Atoi", text, "value out of range");
        }
    }

    /** An unsigned decimal integer, which may use all 64 bits. */
    long unsignedLong(String name) {
        var text = string(name);
        if (text.isEmpty()) {
            return 0;
        }
        if (!DIGITS.matcher(text).matches()) {
            throw invalid("uint64", name, "strconv.ParseUint", text, "invalid syntax");
        }
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw invalid("uint64", name, "strconv.ParseUint", text, "value out of range");
        }
    }

    private static BadRequestException invalid(String type, String name, String function, String text, String why) {
        return new BadRequestException("Error decoding " + type + " for '" + name + "': " + function + ": parsing "
                + quote(text) + ": " + why);
    }

    /** Go's {@code strconv.Quote}, closely enough for error texts. */
    private static String quote(String text) {
        var quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format(Locale.ROOT, "\\x%02x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });

        return quoted.append('"').toString();
    }
}
