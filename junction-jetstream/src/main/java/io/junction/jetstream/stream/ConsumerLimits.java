package io.junction.jetstream.stream;

/**
 * A stream's {@code consumer_limits} (nats-server 2.10): the defaults its consumers get for what they leave unset,
 * and the most they may ask for. Zero means no limit.
 */
public record ConsumerLimits(long inactiveThresholdNanos, long maxAckPending) {
    public static final ConsumerLimits NONE = new ConsumerLimits(0, 0);
}
