package io.junction.jetstream.consumer;

/**
 * A push consumer's {@code rate_limit_bps}, as nats-server applies it: a token bucket of bytes filled at the rate in
 * bits per second divided by 8 (Go's integer division), holding at most the burst, which is the stream's
 * {@code max_msg_size} or else the server's {@code max_payload}, and full at the start. Each delivery takes its size
 * (subject, ack reply, headers and payload) when it is next in line, going into debt when the bucket is short, and
 * goes out once the debt is paid.
 *
 * <p>Two corners differ, where nats-server's limiter would stop the consumer for good: a delivery larger than the
 * burst waits for its whole size instead, and a rate under 8 bits per second is kept as a fraction of a byte rather
 * than truncated to nothing.
 *
 * <p>Confined to the consumer's executor.
 */
final class RateLimit {
    private final double bytesPerNano;
    private final long burst;
    private double tokens;
    private long filledAtNanos;
    private long reservedUntilNanos;
    private boolean reserved;

    private RateLimit(long bitsPerSecond, long burst, long nowNanos) {
        var bytesPerSecond = bitsPerSecond >= 8 ? (double) (bitsPerSecond / 8) : bitsPerSecond / 8.0;
        this.bytesPerNano = bytesPerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.filledAtNanos = nowNanos;
    }

    /** The limit for a consumer, or null when it has none. */
    static RateLimit of(long bitsPerSecond, long maxMsgSize, int maxPayload, long nowNanos) {
        if (bitsPerSecond <= 0) {
            return null;
        }
        return new RateLimit(bitsPerSecond, maxMsgSize > 0 ? maxMsgSize : maxPayload, nowNanos);
    }

    /**
     * How long the next delivery must still wait. The first call for a delivery takes its bytes from the bucket; later
     * calls, until {@link #delivered}, only tell how much of that wait is left.
     */
    long waitFor(long nowNanos, int size) {
        if (!reserved) {
            tokens = Math.min(burst, tokens + (nowNanos - filledAtNanos) * bytesPerNano);
            filledAtNanos = nowNanos;
            tokens -= size;
            reservedUntilNanos = tokens >= 0 ? nowNanos : nowNanos + (long) Math.ceil(-tokens / bytesPerNano);
            reserved = true;
        }
        return reservedUntilNanos - nowNanos;
    }

    /** The delivery that was waited for went out; the next one takes its own bytes. */
    void delivered() {
        reserved = false;
    }
}
