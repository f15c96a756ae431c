package io.junction.nats.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Renders times and durations the way nats-server's monitoring JSON does, so tools that parse them keep working:
 * timestamps as Go marshals a {@code time.Time}, durations as Go's {@code Duration.String()} and uptimes in
 * nats-server's own {@code 1d2h3m4s} form.
 */
final class GoFormat {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private GoFormat() {}

    /** RFC 3339 in UTC with nanoseconds and no trailing zeros, {@code 2023-01-05T10:11:12.1234Z}. */
    static String time(Instant instant) {
        var text = new StringBuilder(SECONDS.format(instant));
        var nanos = instant.getNano();
        if (nanos != 0) {
            text.append('.').append(trimZeros(String.format(Locale.ROOT, "%09d", nanos)));
        }

        return text.append('Z').toString();
    }

    /** Whole units only, largest first: {@code 45s}, {@code 1m2s}, {@code 3h0m5s}, {@code 2d1h0m0s}, {@code 1y...}. */
    static String uptime(Duration duration) {
        var seconds = Math.max(duration.toSeconds(), 0);
        var minutes = seconds / 60;
        var hours = minutes / 60;
        var days = hours / 24;
        var years = days / 365;
        if (years > 0) {
            return years + "y" + days % 365 + "d" + hours % 24 + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (days > 0) {
            return days + "d" + hours % 24 + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (hours > 0) {
            return hours + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + seconds % 60 + "s";
        }

        return seconds + "s";
    }

    /** Go's {@code Duration.String()}: {@code 0s}, {@code 850ns}, {@code 1.5µs}, {@code 2.25ms}, {@code 1h2m3.5s}. */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        var sign = nanos < 0 ? "-" : "";
        var magnitude = Math.abs(nanos);
        if (magnitude < 1_000) {
            return sign + magnitude + "ns";
        }
        if (magnitude < 1_000_000) {
            return sign + withFraction(magnitude, 1_000) + "µs";
        }
        if (magnitude < 1_000_000_000) {
            return sign + withFraction(magnitude, 1_000_000) + "ms";
        }
        var seconds = magnitude / 1_000_000_000;
        var text = new StringBuilder(sign);
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds >= 60) {
            text.append(seconds / 60 % 60).append('m');
        }

        return text.append(withFraction(magnitude % 60_000_000_000L, 1_000_000_000))
                .append('s')
                .toString();
    }

    private static String withFraction(long value, long unit) {
        var whole = Long.toString(value / unit);
        var digits = Long.toString(unit).length() - 1;
        var fraction = trimZeros(String.format(Locale.ROOT, "%0" + digits + "d", value % unit));

        return fraction.isEmpty() ? whole : whole + "." + fraction;
    }

    private static String trimZeros(String digits) {
        var end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }

        return digits.substring(0, end);
    }
}
