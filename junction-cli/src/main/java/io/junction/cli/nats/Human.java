package io.junction.cli.nats;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** Sizes, durations, counts and times as a person reads them, and back from what a person types. */
public final class Human {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)");
    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?b?)", Pattern.CASE_INSENSITIVE);
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Human() {}

    /** {@code 0 B}, {@code 512 B}, {@code 1.5 KiB}, {@code 12 MiB}: binary units as the nats CLI prints them. */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "unlimited";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }

    /** An API enum value as a heading word: {@code limits} becomes {@code Limits}. */
    public static String title(Object value) {
        var text = String.valueOf(value);
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** {@code 1,234,567}. */
    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** A count where -1 means no limit. */
    public static String limit(long count) {
        return count < 0 ? "unlimited" : count(count);
    }

    /** A size where -1 means no limit. */
    public static String sizeLimit(long bytes) {
        return bytes < 0 ? "unlimited" : bytes(bytes);
    }

    /** {@code 250ms}, {@code 1.5s}, {@code 2m30s}, {@code 1d4h}: the largest parts that matter. */
    public static String duration(Duration duration) {
        if (duration == null) {
            return "never";
        }
        var nanos = duration.toNanos();
        if (nanos < 0) {
            return "-" + duration(duration.negated());
        }
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return trim(nanos / 1_000.0) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return trim(nanos / 1_000_000.0) + "ms";
        }
        if (nanos < 60_000_000_000L) {
            return trim(nanos / 1_000_000_000.0) + "s";
        }
        var seconds = duration.toSeconds();
        var text = new StringBuilder();
        append(text, seconds / 86_400, "d");
        append(text, seconds % 86_400 / 3_600, "h");
        append(text, seconds % 3_600 / 60, "m");
        append(text, seconds % 60, "s");
        return text.toString();
    }

    /** A duration where zero means no limit, as for max_age. */
    public static String durationLimit(Duration duration) {
        return duration == null || duration.isZero() ? "unlimited" : duration(duration);
    }

    public static String time(ZonedDateTime time) {
        if (time == null) {
            return "never";
        }
        return TIME.format(time.withZoneSameInstant(ZoneId.systemDefault()));
    }

    /** How long ago, {@code 3.2s}, for "last message" columns. */
    public static String ago(ZonedDateTime time) {
        if (time == null || time.toInstant().toEpochMilli() <= 0) {
            return "never";
        }
        return duration(Duration.between(time, ZonedDateTime.now()));
    }

    /**
     * Reads {@code 500ms}, {@code 1.5s}, {@code 1h30m}, {@code 2d}, {@code 1w}, {@code 1y}; {@code 0} and {@code -1}
     * are zero, for "no limit".
     */
    public static Duration parseDuration(String text) {
        var value = text.strip();
        if (value.equals("0") || value.equals("-1") || value.isEmpty()) {
            return Duration.ZERO;
        }
        var matcher = DURATION_PART.matcher(value);
        var total = 0.0;
        var end = 0;
        while (matcher.find() && matcher.start() == end) {
            total += Double.parseDouble(matcher.group(1)) * nanosPer(matcher.group(2));
            end = matcher.end();
        }
        if (end != value.length()) {
            throw new IllegalArgumentException(
                    "invalid duration \"" + text + "\" (use for example 500ms, 5s, 1h30m, 2d)");
        }
        return Duration.ofNanos((long) total);
    }

    /** Reads {@code 1024}, {@code 1K}, {@code 512MB}, {@code 1GiB} (units of 1024); {@code -1} means no limit. */
    public static long parseBytes(String text) {
        var value = text.strip();
        if (value.equals("-1")) {
            return -1;
        }
        var matcher = SIZE.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid size \"" + text + "\" (use for example 1024, 512K, 1GB)");
        }
        var unit = matcher.group(2).toLowerCase(Locale.ROOT);
        var power = unit.isEmpty() ? 0 : "kmgtp".indexOf(unit) + 1;
        return (long) (Double.parseDouble(matcher.group(1)) * Math.pow(1024, power));
    }

    private static double nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86400e9;
            case "w" -> 7 * 86400e9;
            default -> 365 * 86400e9;
        };
    }

    private static String trim(double value) {
        var text = String.format(Locale.ROOT, "%.2f", value);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
