package io.junction.jetstream.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON as the JetStream API writes and reads it: snake_case fields, durations in nanoseconds, times in RFC 3339 with
 * nanoseconds. Reading is lenient where Go's decoder is (unknown fields ignored) and strict about types. Every string
 * read, names and keys included, comes out in {@link WireText}'s wire form, and every string written goes out as the
 * UTF-8 text it stands for, so subjects and names in JSON match the bytes clients publish.
 */
public final class Json {
    /**
     * Refuses anything after the top-level value, and nests as deep as Go's decoder allows (10,000 levels, where
     * Jackson stops at 1,000), as Go's {@code json.Unmarshal} does.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                            .maxNestingDepth(10_000)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private Json() {}

    /** Parses a request body; an empty body is an empty object. */
    public static ObjectNode parseObject(byte[] body) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            var node = read(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw ApiError.INVALID_JSON.exception();
        }
        throw ApiError.INVALID_JSON.exception();
    }

    /**
     * Parses a body that nats-server decodes without first checking for an empty request: an empty body is invalid
     * JSON, and {@code null} decodes to nothing set, as Go's decoder reads them.
     */
    public static ObjectNode parseRequired(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiError.INVALID_JSON.exception();
        }
        try {
            var node = read(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
            if (node != null && node.isNull()) {
                return MAPPER.createObjectNode();
            }
        } catch (IOException e) {
            throw ApiError.INVALID_JSON.exception();
        }
        throw ApiError.INVALID_JSON.exception();
    }

    /**
     * Whether a body counts as empty where nats-server wants none: no bytes, or a JSON object without fields. Anything
     * else, malformed JSON included, is not empty.
     */
    public static boolean isEmptyRequest(byte[] body) {
        if (body == null || body.length == 0) {
            return true;
        }
        try {
            return read(body) instanceof ObjectNode object && object.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Reads a JSON document with its strings and keys in the wire form. Bytes that are not UTF-8 become U+FFFD first,
     * as Go's decoder reads them.
     *
     * @return the document, or null for an empty one
     * @throws IOException when it is not JSON
     */
    public static JsonNode read(byte[] body) throws IOException {
        if (isAscii(body) && !hasEscape(body)) {
            // every string in it is ASCII already, which is its own wire form: the usual request costs nothing more
            return MAPPER.readTree(body);
        }
        var node = MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
        return node == null ? null : toWire(node);
    }

    /** The document as UTF-8 JSON, its wire-form strings written as the text they stand for. */
    public static byte[] bytes(JsonNode node) {
        byte[] written;
        try {
            written = MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        if (isAscii(written)) {
            return written;
        }
        // Jackson wrote each wire-form char as UTF-8; the bytes they stand for are decoded once more, so that a subject
        // that is not UTF-8 comes out with U+FFFD where Go's encoder puts it
        var bytes = WireText.bytes(new String(written, StandardCharsets.UTF_8));
        return new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode toWire(JsonNode node) {
        if (node.isTextual()) {
            var text = node.textValue();
            return WireText.isAscii(text) ? node : TextNode.valueOf(WireText.fromText(text));
        }
        if (node instanceof ArrayNode array) {
            for (var i = 0; i < array.size(); i++) {
                array.set(i, toWire(array.get(i)));
            }
            return array;
        }
        if (node instanceof ObjectNode object) {
            var copy = MAPPER.createObjectNode();
            object.properties().forEach(field -> copy.set(WireText.fromText(field.getKey()), toWire(field.getValue())));
            return copy;
        }
        return node;
    }

    private static boolean hasEscape(byte[] bytes) {
        for (var b : bytes) {
            if (b == '\\') {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(byte[] bytes) {
        for (var b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    public static String text(JsonNode node, String field, String fallback) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw ApiError.INVALID_JSON.exception();
        }
        return value.textValue();
    }

    /** An object field (a Go struct or map): absent or null is null, anything but an object invalid JSON. */
    public static JsonNode objectField(JsonNode node, String field) {
        return field(node, field, JsonNode::isObject);
    }

    /** An array field (a Go slice): absent or null is null, anything but an array invalid JSON. */
    public static JsonNode arrayField(JsonNode node, String field) {
        return field(node, field, JsonNode::isArray);
    }

    private static JsonNode field(JsonNode node, String field, java.util.function.Predicate<JsonNode> type) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!type.test(value)) {
            throw ApiError.INVALID_JSON.exception();
        }
        return value;
    }

    /** A signed 64-bit integer field (Go's {@code int}, {@code int64} and durations); others are invalid JSON. */
    public static long number(JsonNode node, String field, long fallback) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiError.INVALID_JSON.exception();
        }
        return value.longValue();
    }

    /**
     * An unsigned field (Go's {@code uint64}): a negative value is invalid JSON, as Go's decoder has it. Values past
     * the signed range, which Go would take, are refused too.
     */
    public static long unsigned(JsonNode node, String field, long fallback) {
        var value = number(node, field, fallback);
        if (value < 0) {
            throw ApiError.INVALID_JSON.exception();
        }
        return value;
    }

    /** A 32-bit field (Go's {@code int32}): a value past its range is invalid JSON. */
    public static int int32(JsonNode node, String field, int fallback) {
        var value = number(node, field, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw ApiError.INVALID_JSON.exception();
        }
        return (int) value;
    }

    /** An integer field held in an int, with values beyond its range kept at its ends so that checks still see them. */
    public static int saturatedInt(JsonNode node, String field, int fallback) {
        return (int) Math.clamp(number(node, field, fallback), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public static boolean bool(JsonNode node, String field, boolean fallback) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw ApiError.INVALID_JSON.exception();
        }
        return value.booleanValue();
    }

    public static List<String> texts(JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ApiError.INVALID_JSON.exception();
        }
        var result = new ArrayList<String>();
        for (var item : value) {
            if (!item.isTextual()) {
                throw ApiError.INVALID_JSON.exception();
            }
            result.add(item.textValue());
        }
        return result;
    }

    public static long[] numbers(JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return new long[0];
        }
        if (!value.isArray()) {
            throw ApiError.INVALID_JSON.exception();
        }
        var result = new long[value.size()];
        for (var i = 0; i < result.length; i++) {
            if (!value.get(i).isIntegralNumber()) {
                throw ApiError.INVALID_JSON.exception();
            }
            result[i] = value.get(i).longValue();
        }
        return result;
    }

    /** An RFC 3339 time with nanoseconds, or null for a missing field; a bad time is invalid JSON. */
    public static Instant time(JsonNode node, String field) {
        var text = text(node, field, null);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiError.INVALID_JSON.exception();
        }
    }

    /**
     * Writes a time as Go's {@code time.RFC3339Nano} does in UTC: the fraction without trailing zeros, none when it
     * is zero ({@code Instant.toString} pads it to 3, 6 or 9 digits instead).
     */
    public static String time(long epochNanos) {
        var instant = Instant.ofEpochSecond(0, epochNanos);
        var text = new StringBuilder(SECONDS.format(instant));
        var nanos = instant.getNano();
        if (nanos > 0) {
            var fraction = new StringBuilder(String.format("%09d", nanos));
            while (fraction.charAt(fraction.length() - 1) == '0') {
                fraction.setLength(fraction.length() - 1);
            }
            text.append('.').append(fraction);
        }
        return text.append('Z').toString();
    }

    public static ArrayNode array(List<String> values) {
        var array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** The constant written in lower case, as nats-server reads it; any other spelling is invalid JSON. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        if (!text.equals(text.toLowerCase(java.util.Locale.ROOT))) {
            throw ApiError.INVALID_JSON.exception();
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.INVALID_JSON.exception();
        }
    }

    /** An enum constant as the API writes it, in lower case. */
    public static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
