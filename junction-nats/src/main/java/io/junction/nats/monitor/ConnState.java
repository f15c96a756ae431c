package io.junction.nats.monitor;

import java.util.Locale;

/** Which connections {@code /connz} lists: {@code state=open} (the default), {@code closed} or {@code any}. */
enum ConnState {
    OPEN,
    CLOSED,
    ANY;

    static ConnState parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "", "open" -> OPEN;
            case "closed" -> CLOSED;
            case "any", "all" -> ANY;
            default -> throw new BadRequestException("Error decoding state for " + text);
        };
    }

    boolean includesOpen() {
        return this != CLOSED;
    }

    boolean includesClosed() {
        return this != OPEN;
    }
}
