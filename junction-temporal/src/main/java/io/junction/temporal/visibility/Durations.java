package io.junction.temporal.visibility;

import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads ExecutionDuration values as Temporal does: nanoseconds, a Go duration ({@code 300ms}, {@code -1.5h},
 * {@code 2h45m}, with {@code d} for days) or {@code hh:mm:ss}.
 */
final class Durations {
    private static final Pattern GO_DURATION = Pattern.compile("[-+]?(\\d*\\.?\\d+(ns|us|µs|μs|ms|s|m|h|d))+");
    private static final Pattern GO_PART = Pattern.compile("(\\d*\\.?\\d+)(ns|us|µs|μs|ms|s|m|h|d)");
    private static final Pattern CLOCK = Pattern.compile("(\\d+):([0-5]\\d):([0-5]\\d)");
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "μs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L,
            "d", 86_400_000_000_000L);

    private Durations() {}

    static OptionalLong parseNanos(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            // Not a plain count of nanoseconds; try the other forms.
        }
        if (text.equals("0")) {
            return OptionalLong.of(0);
        }
        if (GO_DURATION.matcher(text).matches()) {
            return OptionalLong.of(goDuration(text));
        }
        var clock = CLOCK.matcher(text);
        if (clock.matches()) {
            var seconds = Long.parseLong(clock.group(1)) * 3600
                    + Long.parseLong(clock.group(2)) * 60
                    + Long.parseLong(clock.group(3));
            return OptionalLong.of(seconds * 1_000_000_000L);
        }
        return OptionalLong.empty();
    }

    private static long goDuration(String text) {
        var total = BigDecimal.ZERO;
        var parts = GO_PART.matcher(text);
        while (parts.find()) {
            var nanos = BigDecimal.valueOf(UNIT_NANOS.get(parts.group(2)));
            total = total.add(new BigDecimal(parts.group(1)).multiply(nanos));
        }
        var nanos = total.longValue();
        return text.startsWith("-") ? -nanos : nanos;
    }
}
