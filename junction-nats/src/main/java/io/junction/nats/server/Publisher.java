package io.junction.nats.server;

/** Where a published message comes from: a client connection, or the server itself. */
interface Publisher {
    /** Whether the publisher's own subscriptions receive its messages. */
    boolean echo();

    /** Called after an append that left a receiver's outbound buffer waiting for a flush. */
    void flushLater(Outbound outbound);

    /**
     * Called when a receiver's unwritten bytes passed half its {@code max_pending}: a client stops reading for a
     * while, as nats-server stalls fast producers, so a receiver that reads gets the chance to catch up before it
     * counts as slow.
     */
    default void stall(Outbound receiver) {}
}
