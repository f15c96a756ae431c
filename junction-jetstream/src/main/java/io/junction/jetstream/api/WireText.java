package io.junction.jetstream.api;

import java.nio.charset.StandardCharsets;

/**
 * Text between JSON and the wire.
 *
 * <h2>The wire form</h2>
 *
 * The core keeps a subject as the bytes a client sent, one char per byte, as nats-server keeps subjects as Go strings
 * (bytes). JetStream keeps every string it was given in that form, whether it came from a subject or from JSON: a
 * stream name in {@code $JS.API.STREAM.CREATE.<name>} and the {@code name} in the body, a subject and the filter that
 * should match it, compare equal, and {@code String.length} counts bytes as Go's {@code len} does. {@link Json}
 * converts whole documents at the edge: what it reads becomes the wire form, what it writes becomes UTF-8 text again.
 * A string built here for a client (an error text) is ASCII, or made with {@link #fromText}.
 */
public final class WireText {
    private WireText() {}

    /** The wire form of real text: one char for each byte of its UTF-8 encoding. */
    public static String fromText(String text) {
        if (text == null || isAscii(text)) {
            return text;
        }
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /**
     * Real text from the wire form: its bytes decoded as UTF-8, a byte that is not UTF-8 becoming U+FFFD as Go's JSON
     * encoder writes it. A char past one byte, which only text that never was on the wire holds, is kept as it is.
     */
    public static String toText(String wire) {
        if (wire == null || isAscii(wire)) {
            return wire;
        }
        return new String(bytes(wire), StandardCharsets.UTF_8);
    }

    /** The bytes the wire form stands for; a char past one byte is taken as text and encoded as UTF-8. */
    public static byte[] bytes(String wire) {
        var out = new java.io.ByteArrayOutputStream(wire.length() + 8);
        for (var i = 0; i < wire.length(); i++) {
            var c = wire.charAt(i);
            if (c < 0x100) {
                out.write(c);
                continue;
            }
            var end = Character.isHighSurrogate(c) && i + 1 < wire.length() ? i + 2 : i + 1;
            out.writeBytes(wire.substring(i, end).getBytes(StandardCharsets.UTF_8));
            i = end - 1;
        }
        return out.toByteArray();
    }

    static boolean isAscii(String text) {
        for (var i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
