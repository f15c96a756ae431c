package io.junction.jetstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code Nats-Time-Stamp} of republished messages, written as Go's {@code time.RFC3339Nano} writes it. */
class RepublisherTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void writesTheFractionWithoutTrailingZerosAndNoneWhenItIsZero() {
        var base = 1_500_000_000L * SECOND;

        assertThat(Republisher.timestamp(base)).isEqualTo("2017-07-14T02:40:00Z");
        assertThat(Republisher.timestamp(base + 120_000_000L)).isEqualTo("2017-07-14T02:40:00.12Z");
        assertThat(Republisher.timestamp(base + 1)).isEqualTo("2017-07-14T02:40:00.000000001Z");
        assertThat(Republisher.timestamp(base + 123_456_000L)).isEqualTo("2017-07-14T02:40:00.123456Z");
    }
}
