package io.junction.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Writes levels as nats-server does: INF, DBG, TRC, WRN, ERR. */
public final class NatsLevelConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return switch (event.getLevel().toString()) {
            case "TRACE" -> "TRC";
            case "DEBUG" -> "DBG";
            case "WARN" -> "WRN";
            case "ERROR" -> "ERR";
            default -> "INF";
        };
    }
}
