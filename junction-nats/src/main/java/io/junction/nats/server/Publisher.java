package io.junction.nats.server;

/** Where a published message comes from: a client connection, or the server itself. */
interface Publisher {
    /** Whether the publisher's own subscriptions receive its messages. */
    boolean echo();

    /** Called after an append that left a receiver's outbound buffer waiting for a flush. */
    void flushLater(Outbound outbound);
}
