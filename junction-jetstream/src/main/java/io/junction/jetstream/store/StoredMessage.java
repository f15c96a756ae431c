package io.junction.jetstream.store;

/**
 * A message as a stream holds it.
 *
 * @param headers the raw NATS header block ({@code NATS/1.0\r\n...\r\n\r\n}), or null
 * @param timestampNanos when the stream stored it, in nanoseconds since the epoch
 */
public record StoredMessage(long sequence, String subject, byte[] headers, byte[] payload, long timestampNanos) {
    /** The bytes nats-server counts for a message: subject, headers, payload and a fixed overhead. */
    public long storedSize() {
        return StoreLimits.messageSize(subject, headers, payload);
    }
}
