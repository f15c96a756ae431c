package io.junction.jetstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Times in the API's JSON and in {@code Nats-Time-Stamp} headers, written as Go's {@code time.RFC3339Nano} writes
 * them, and read back.
 */
class JsonTimeTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void writesTheFractionWithoutTrailingZerosAndNoneWhenItIsZero() {
        var base = 1_500_000_000L * SECOND;

        assertThat(Json.time(base)).isEqualTo("2017-07-14T02:40:00Z");
        assertThat(Json.time(base + 120_000_000L)).isEqualTo("2017-07-14T02:40:00.12Z");
        assertThat(Json.time(base + 1)).isEqualTo("2017-07-14T02:40:00.000000001Z");
        assertThat(Json.time(base + 123_456_000L)).isEqualTo("2017-07-14T02:40:00.123456Z");
    }

    @Test
    void readsBackWhatItWrites() {
        var node = Json.object();
        node.put("ts", Json.time(1_500_000_000L * SECOND + 120_000_000L));

        assertThat(Json.time(node, "ts").toEpochMilli()).isEqualTo(1_500_000_000_120L);
    }
}
