package io.junction.jetstream.stream;

import java.time.Instant;

/** Wall-clock time in nanoseconds since the epoch, the unit stored messages carry. */
public final class Clock {
    private Clock() {}

    public static long nowNanos() {
        var now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
