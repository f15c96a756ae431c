package io.junction.jetstream.consumer;

import io.junction.jetstream.api.Json;
import java.nio.charset.StandardCharsets;

/** The delay a {@code -NAK} asks for: {@code {"delay": <ns>}} or a Go duration such as {@code 5s}; 0 for none. */
final class NakDelay {
    private NakDelay() {}

    static long parse(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        var trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            try {
                return Math.max(0, Json.number(Json.parseObject(trimmed.getBytes(StandardCharsets.UTF_8)), "delay", 0));
            } catch (RuntimeException e) {
                return 0;
            }
        }
        return Math.max(0, GoDuration.parse(trimmed));
    }
}
