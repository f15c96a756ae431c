package io.junction.jetstream.consumer;

import io.junction.jetstream.api.WireText;

/** Formats and parses durations as Go does ({@code 1m30s}, {@code 250ms}), for texts clients compare. */
final class GoDuration {
    /** Go's unit for microseconds, in the wire form of the texts (JSON errors, status lines) it goes into. */
    private static final String MICROSECONDS = WireText.fromText("µs");

    private GoDuration() {}

    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return trim(nanos / 1_000.0) + MICROSECONDS;
        }
        if (nanos < 1_000_000_000) {
            return trim(nanos / 1_000_000.0) + "ms";
        }
        var text = new StringBuilder();
        var hours = nanos / 3_600_000_000_000L;
        var minutes = nanos / 60_000_000_000L % 60;
        var seconds = (nanos % 60_000_000_000L) / 1e9;
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        text.append(trim(seconds)).append('s');
        return text.toString();
    }

    /** Parses {@code 5s}, {@code 100ms}, {@code 1m30s}; -1 when it is not a duration. */
    static long parse(String text) {
        var total = 0L;
        var i = 0;
        if (text.isEmpty()) {
            return -1;
        }
        while (i < text.length()) {
            var start = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                return -1;
            }
            var number = Double.parseDouble(text.substring(start, i));
            var unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i))) {
                i++;
            }
            var unit = text.substring(unitStart, i);
            var factor =
                    switch (unit) {
                        case "ns" -> 1L;
                        case "us", "µs" -> 1_000L;
                        case "ms" -> 1_000_000L;
                        case "s" -> 1_000_000_000L;
                        case "m" -> 60_000_000_000L;
                        case "h" -> 3_600_000_000_000L;
                        default -> -1L;
                    };
            if (factor < 0) {
                return -1;
            }
            total += (long) (number * factor);
        }
        return total;
    }

    private static String trim(double value) {
        var text = Double.toString(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
