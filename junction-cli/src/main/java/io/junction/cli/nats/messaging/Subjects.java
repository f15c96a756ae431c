package io.junction.cli.nats.messaging;

import java.nio.charset.StandardCharsets;

/** Subjects as the Java client hands them over: one char per byte received, which this turns back into text. */
public final class Subjects {
    private Subjects() {}

    /** The subject decoded as UTF-8 from the bytes the client read; plain ASCII comes back unchanged. */
    public static String utf8(String received) {
        if (received == null || received.chars().allMatch(c -> c < 0x80)) {
            return received;
        }
        var bytes = new byte[received.length()];
        for (var i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) received.charAt(i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
