package io.junction.nats.server;

/** A subscription made inside the server; {@link #close} removes it. Thread-safe. */
public final class InternalSubscription implements AutoCloseable {
    private final NatsServer server;
    private final Subscription subscription;
    private final InternalReceiver receiver;

    InternalSubscription(NatsServer server, Subscription subscription, InternalReceiver receiver) {
        this.server = server;
        this.subscription = subscription;
        this.receiver = receiver;
    }

    public String subject() {
        return subscription.subject();
    }

    @Override
    public void close() {
        receiver.close();
        server.index().remove(subscription);
    }
}
