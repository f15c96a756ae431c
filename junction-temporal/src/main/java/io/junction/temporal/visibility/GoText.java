package io.junction.temporal.visibility;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Renders values the way Go's {@code %v} prints what {@code encoding/json} decodes, so that error messages quoting
 * a user's value read as Temporal's do.
 */
final class GoText {
    private GoText() {}

    static String json(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "<nil>";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return number(node.decimalValue());
        }
        if (node.isArray()) {
            var items = new ArrayList<String>();
            node.forEach(item -> items.add(json(item)));
            return "[" + String.join(" ", items) + "]";
        }
        if (node.isObject()) {
            var fields = new TreeMap<String, String>();
            node.properties().forEach(field -> fields.put(field.getKey(), json(field.getValue())));
            var items = new ArrayList<String>();
            fields.forEach((key, value) -> items.add(key + ":" + value));
            return "map[" + String.join(" ", items) + "]";
        }
        return node.asText();
    }

    /** A float64 in Go's shortest {@code %v} form: {@code 123}, {@code 1.5}, {@code 1e+06}. */
    static String number(BigDecimal value) {
        var shortest = new BigDecimal(Double.toString(value.doubleValue())).stripTrailingZeros();
        if (shortest.signum() == 0) {
            return "0";
        }
        var exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            return scientific(shortest, exponent);
        }
        return shortest.toPlainString();
    }

    /** Go's {@code %#v} of a literal: strings quoted, numbers and booleans bare. */
    static String literal(Object value) {
        if (value instanceof String text) {
            return quote(text);
        }
        if (value instanceof Double number) {
            return number(BigDecimal.valueOf(number));
        }
        return String.valueOf(value);
    }

    /** Go's name for the type of a parsed literal. */
    static String typeName(Object value) {
        return switch (value) {
            case String ignored -> "string";
            case Long ignored -> "int64";
            case Double ignored -> "float64";
            case Boolean ignored -> "bool";
            case List<?> ignored -> "[]interface {}";
            default -> value.getClass().getSimpleName();
        };
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String scientific(BigDecimal value, int exponent) {
        var digits = value.unscaledValue().abs().toString();
        var mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        var sign = value.signum() < 0 ? "-" : "";
        var exponentSign = exponent < 0 ? "-" : "+";
        var exponentDigits = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + exponentSign + exponentDigits;
    }
}
