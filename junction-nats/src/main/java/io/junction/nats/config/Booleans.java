package io.junction.nats.config;

import java.util.Locale;

/** nats-server's boolean words, any case: {@code true yes on} and {@code false no off}. */
final class Booleans {
    private Booleans() {}

    static boolean isBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "false", "no", "off" -> true;
            default -> false;
        };
    }

    /** The value of a word {@link #isBoolean} accepted. */
    static boolean parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            default -> false;
        };
    }
}
