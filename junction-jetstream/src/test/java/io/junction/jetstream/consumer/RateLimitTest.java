package io.junction.jetstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token bucket behind {@code rate_limit_bps}, on a clock the test sets. */
class RateLimitTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsWithAFullBurstThenWaitsForTheBytesAtTheRate() {
        var limit = RateLimit.of(8_000, 1_500, 1_048_576, 0);

        var first = limit.waitFor(0, 1_000);
        limit.delivered();
        var second = limit.waitFor(0, 1_000);

        assertThat(first).isZero();
        assertThat(second).isEqualTo(SECOND / 2);
    }

    @Test
    void asksForTheBytesOnceWhileADeliveryWaits() {
        var limit = RateLimit.of(8_000, 1_000, 1_048_576, 0);
        limit.waitFor(0, 1_000);
        limit.delivered();

        var atFirst = limit.waitFor(0, 1_000);
        var later = limit.waitFor(SECOND / 4, 1_000);
        limit.delivered();
        var next = limit.waitFor(SECOND, 1_000);

        assertThat(atFirst).isEqualTo(SECOND);
        assertThat(later).isEqualTo(SECOND * 3 / 4);
        assertThat(next).isEqualTo(SECOND);
    }

    @Test
    void fillsNoFurtherThanTheBurstWhileIdle() {
        var limit = RateLimit.of(8_000, 1_000, 1_048_576, 0);

        limit.waitFor(3_600 * SECOND, 1_000);
        limit.delivered();

        assertThat(limit.waitFor(3_600 * SECOND, 500)).isEqualTo(SECOND / 2);
    }

    @Test
    void takesTheServersMaxPayloadAsBurstWithoutAMaxMsgSizeAndTruncatesBitsToWholeBytes() {
        var limit = RateLimit.of(8_007, -1, 2_000, 0);

        assertThat(limit.waitFor(0, 2_000)).isZero();
        limit.delivered();
        assertThat(limit.waitFor(0, 1_000)).isEqualTo(SECOND);
    }

    @Test
    void hasNoLimitForZero() {
        assertThat(RateLimit.of(0, 1_000, 1_048_576, 0)).isNull();
    }
}
