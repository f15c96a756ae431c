package io.junction.jetstream.stream;

/**
 * A consumer as its stream sees it: told when messages arrive, asked whether it still needs a message, for interest
 * and work-queue retention.
 *
 * <p>Called on the stream's writer thread; implementations hand work to their own thread and return at once.
 */
public interface StreamObserver {
    /** New messages up to this sequence are durable and may be delivered. */
    void appended(long lastSequence);

    /** Messages were removed by a purge, a delete or limits; cursors past them move on. */
    void removed();

    /** Whether this consumer would deliver a message on the subject (its filters match). */
    boolean isInterestedIn(String subject);

    /** Whether the consumer has acknowledged the message at this sequence (for interest retention). */
    boolean hasAcknowledged(long sequence);
}
