package io.junction.jetstream.store;

/**
 * The limits a store enforces by itself after each append and on {@link MessageStore#expire}. A value of 0 or less
 * means no limit.
 *
 * <p>With {@code discardOld} the store evicts its oldest messages to stay within {@code maxMsgs} and
 * {@code maxBytes}; without it the stream refuses new messages before they reach the store, and the store evicts
 * nothing for those two limits. {@code maxMsgsPerSubject} always evicts the subject's oldest messages (the stream
 * refuses beforehand when {@code discard_new_per_subject} asks for that). {@code maxAgeNanos} always expires.
 */
public record StoreLimits(long maxMsgs, long maxBytes, long maxAgeNanos, long maxMsgsPerSubject, boolean discardOld) {
    public static final StoreLimits NONE = new StoreLimits(0, 0, 0, 0, true);

    /** nats-server's accounting of a message's size in its memory store: the bytes plus 16 for sequence and time. */
    public static long messageSize(String subject, byte[] headers, byte[] payload) {
        return subject.length() + (headers == null ? 0 : headers.length) + payload.length + 16;
    }

    /**
     * nats-server's accounting of a message's size in its file store: the bytes of its record, 30 of overhead and 4
     * more for a header length when there are headers.
     */
    public static long fileMessageSize(String subject, byte[] headers, byte[] payload) {
        var headersLength = headers == null ? 0 : headers.length;
        return subject.length() + payload.length + (headersLength == 0 ? 30 : 34 + headersLength);
    }
}
