package io.junction.cli.temporal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Go-style durations as the temporal CLI takes them: {@code 10s}, {@code 1h30m}, {@code 72h}, {@code 5d}. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");
    private static final Map<String, Long> NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L,
            "d", 86_400_000_000_000L);

    @Override
    public Duration convert(String value) {
        var text = value.strip();
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        var matcher = PART.matcher(text);
        var nanos = BigDecimal.ZERO;
        var end = 0;
        while (matcher.find() && matcher.start() == end) {
            nanos = nanos.add(
                    new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(NANOS.get(matcher.group(2)))));
            end = matcher.end();
        }
        if (end == 0 || end != text.length()) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 10s, 1h30m or 3d");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }
}
