package io.junction.jetstream.stream;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes NATS header blocks ({@code NATS/1.0[ status]\r\nKey: Value\r\n...\r\n}). Keys are case-sensitive,
 * as nats-server matches them; only the first value of a repeated key is read. A block is read and written one char
 * per byte, the wire form subjects and names take here, so that a value holds the bytes a client sent.
 */
public final class Headers {
    public static final String MSG_ID = "Nats-Msg-Id";
    public static final String EXPECTED_STREAM = "Nats-Expected-Stream";
    public static final String EXPECTED_LAST_SEQUENCE = "Nats-Expected-Last-Sequence";
    public static final String EXPECTED_LAST_SUBJECT_SEQUENCE = "Nats-Expected-Last-Subject-Sequence";
    public static final String EXPECTED_LAST_MSG_ID = "Nats-Expected-Last-Msg-Id";
    public static final String ROLLUP = "Nats-Rollup";

    private Headers() {}

    /** The first value of each key; empty for null or a block without keys. */
    public static Map<String, String> parse(byte[] block) {
        var values = new LinkedHashMap<String, String>();
        if (block == null) {
            return values;
        }
        var text = new String(block, StandardCharsets.ISO_8859_1);
        var lines = text.split("\r\n");
        for (var i = 1; i < lines.length; i++) {
            var colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            var key = lines[i].substring(0, colon).trim();
            values.putIfAbsent(key, lines[i].substring(colon + 1).trim());
        }
        return values;
    }

    /** A header block with an optional status line and the given keys, in order. */
    public static byte[] build(String status, Map<String, String> values) {
        var text = new StringBuilder("NATS/1.0");
        if (status != null) {
            text.append(' ').append(status);
        }
        text.append("\r\n");
        values.forEach(
                (key, value) -> text.append(key).append(": ").append(value).append("\r\n"));
        text.append("\r\n");
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The stored block with extra keys appended, as direct get adds its {@code Nats-*} headers. */
    public static byte[] append(byte[] block, Map<String, String> extra) {
        if (block == null || block.length < 4) {
            return build(null, extra);
        }
        var text = new String(block, StandardCharsets.ISO_8859_1);
        var end = text.endsWith("\r\n\r\n") ? text.length() - 2 : text.length();
        var result = new StringBuilder(text.substring(0, end));
        extra.forEach(
                (key, value) -> result.append(key).append(": ").append(value).append("\r\n"));
        result.append("\r\n");
        return result.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
