package io.junction.cli.temporal;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Durations, times and API enum values as a person reads them. */
final class Human {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private Human() {}

    /** {@code 250ms}, {@code 1.5s}, {@code 2m30s}, {@code 3d}: the largest parts that matter. */
    static String duration(Duration duration) {
        if (duration.isNegative()) {
            return "-" + duration(duration.negated());
        }
        var millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            var seconds = millis / 1_000.0;
            return (seconds == Math.floor(seconds)
                            ? Long.toString((long) seconds)
                            : String.format(Locale.ROOT, "%.2f", seconds).replaceAll("0+$", ""))
                    + "s";
        }
        var seconds = duration.toSeconds();
        var text = new StringBuilder();
        append(text, seconds / 86_400, "d");
        append(text, seconds % 86_400 / 3_600, "h");
        append(text, seconds % 3_600 / 60, "m");
        append(text, seconds % 60, "s");
        return text.toString();
    }

    static String duration(com.google.protobuf.Duration duration) {
        return duration(Duration.ofSeconds(duration.getSeconds(), duration.getNanos()));
    }

    /** {@code 12 seconds ago}, {@code in 3 minutes}, {@code just now}. */
    static String relative(Instant time, Clock clock) {
        var elapsed = Duration.between(time, clock.instant());
        var future = elapsed.isNegative();
        var seconds = Math.abs(elapsed.toSeconds());
        if (seconds < 1) {
            return "just now";
        }
        String amount;
        if (seconds < 60) {
            amount = plural(seconds, "second");
        } else if (seconds < 3_600) {
            amount = plural(seconds / 60, "minute");
        } else if (seconds < 86_400) {
            amount = plural(seconds / 3_600, "hour");
        } else {
            amount = plural(seconds / 86_400, "day");
        }
        return future ? "in " + amount : amount + " ago";
    }

    /** The time in the local zone followed by how long ago it was: {@code 2026-08-22 17:03:43 UTC (5 seconds ago)}. */
    static String time(Timestamp timestamp, Clock clock) {
        if (timestamp.getSeconds() == 0 && timestamp.getNanos() == 0) {
            return "";
        }
        var instant = instant(timestamp);
        return TIME.format(instant.atZone(ZoneId.systemDefault())) + " (" + relative(instant, clock) + ")";
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    /** {@code WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW} with prefix {@code WORKFLOW_EXECUTION_STATUS_} becomes
     * {@code ContinuedAsNew}. */
    static String enumName(Enum<?> value, String prefix) {
        var name = value.name().startsWith(prefix) ? value.name().substring(prefix.length()) : value.name();
        var text = new StringBuilder();
        for (var word : name.toLowerCase(Locale.ROOT).split("_")) {
            if (!word.isEmpty()) {
                text.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return text.toString();
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
