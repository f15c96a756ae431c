package io.junction.cli.nats;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads durations as the nats CLI writes them: {@code 500ms}, {@code 5s}, {@code 1m30s}, {@code 2h}, {@code 1d}. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Human.parseDuration(value);
    }
}
