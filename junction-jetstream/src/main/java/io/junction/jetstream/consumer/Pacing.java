package io.junction.jetstream.consumer;

import io.junction.jetstream.store.StoredMessage;
import java.util.function.IntSupplier;

/**
 * When a consumer's next delivery may go: first {@code replay_policy: original}'s spacing, so that messages keep the
 * gaps they were stored with, then a push consumer's {@code rate_limit_bps}. Confined to the consumer's executor.
 */
final class Pacing {
    private final boolean replayOriginal;
    private final RateLimit rateLimit;
    private long lastTimestampNanos;
    private long lastDeliveredAtNanos;

    /** @param rateLimit the push consumer's rate limit, or null for none */
    Pacing(boolean replayOriginal, RateLimit rateLimit) {
        this.replayOriginal = replayOriginal;
        this.rateLimit = rateLimit;
    }

    /**
     * How long the message must still wait before it goes out; 0 or less for now.
     *
     * @param size the size the rate limit counts, asked for only when there is one
     */
    long waitFor(StoredMessage message, IntSupplier size, long nowNanos) {
        if (replayOriginal && lastTimestampNanos != 0) {
            var replay = (message.timestampNanos() - lastTimestampNanos) - (nowNanos - lastDeliveredAtNanos);
            if (replay > 0) {
                return replay;
            }
        }
        return rateLimit == null ? 0 : rateLimit.waitFor(nowNanos, size.getAsInt());
    }

    void delivered(StoredMessage message, long nowNanos) {
        lastTimestampNanos = message.timestampNanos();
        lastDeliveredAtNanos = nowNanos;
        if (rateLimit != null) {
            rateLimit.delivered();
        }
    }
}
