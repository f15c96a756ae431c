package io.junction.temporal.visibility;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** RFC 3339 as Go's {@code time.RFC3339Nano} reads and writes it, the form of Temporal's Datetime values. */
final class Datetimes {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private Datetimes() {}

    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** UTC, with as many fraction digits as the value needs and none when it has no fraction. */
    static String format(Instant instant) {
        var text = new StringBuilder(SECONDS.format(instant.atOffset(ZoneOffset.UTC)));
        if (instant.getNano() != 0) {
            var fraction = String.format("%09d", instant.getNano()).replaceFirst("0+$", "");
            text.append('.').append(fraction);
        }
        return text.append('Z').toString();
    }
}
