package io.junction.nats.server;

/** What a subscription delivers to: a client connection, or a subscriber inside the server. */
sealed interface Receiver permits ClientConnection, InternalReceiver {
    boolean isClosed();

    /** Whether the receiver may see a message on this subject at all (deny clauses); checked before counting it. */
    default boolean permits(String subject) {
        return true;
    }

    /**
     * Takes one message for the subscription; false when nothing was taken (closed, refused, slow consumer).
     * Called on the publisher's thread.
     */
    boolean enqueue(Delivery delivery, Subscription subscription, Publisher publisher);

    /** Removes a subscription whose auto-unsubscribe limit was just reached; called on any thread. */
    void autoUnsubscribe(Subscription subscription);
}
