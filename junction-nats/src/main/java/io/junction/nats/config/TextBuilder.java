package io.junction.nats.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds a string value from plain characters and {@code \xHH} escapes. An escape is a raw byte, as in Go, so
 * {@code "\xc3\xa9"} is one UTF-8 encoded character; bytes that form no valid UTF-8 become U+FFFD.
 */
final class TextBuilder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringBuilder pending = new StringBuilder();
    private boolean escaped;

    TextBuilder append(String text) {
        pending.append(text);
        return this;
    }

    TextBuilder append(char c) {
        pending.append(c);
        return this;
    }

    /** Appends the character an escape sequence stands for and remembers that the value had an escape. */
    void appendEscaped(char c) {
        escaped = true;
        pending.append(c);
    }

    void appendByte(int b) {
        escaped = true;
        flush();
        bytes.write(b);
    }

    boolean hadEscapes() {
        return escaped;
    }

    @Override
    public String toString() {
        if (bytes.size() == 0) {
            return pending.toString();
        }
        flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void flush() {
        bytes.writeBytes(pending.toString().getBytes(StandardCharsets.UTF_8));
        pending.setLength(0);
    }
}
