package io.junction.nats.server;

import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers to a {@link MessageHandler} inside the server, copying the message out of the read buffer. */
final class InternalReceiver implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(InternalReceiver.class);

    private final NatsServer server;
    private final MessageHandler handler;
    private final Predicate<String> accepts;
    private volatile boolean closed;

    InternalReceiver(NatsServer server, Predicate<String> accepts, MessageHandler handler) {
        this.server = server;
        this.accepts = accepts;
        this.handler = handler;
    }

    /** A subject the subscriber passes over is neither delivered nor counted as delivered (no responders). */
    @Override
    public boolean permits(String subject) {
        return accepts.test(subject);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean enqueue(Delivery delivery, Subscription subscription, Publisher publisher) {
        var message = delivery.message();
        byte[] headers = null;
        var headerLength = delivery.headerLength();
        if (headerLength >= 0) {
            headers = new byte[headerLength];
            message.getBytes(message.readerIndex(), headers);
        }
        var payloadOffset = Math.max(headerLength, 0);
        var payload = new byte[message.readableBytes() - payloadOffset];
        message.getBytes(message.readerIndex() + payloadOffset, payload);
        try {
            handler.onMessage(delivery.subject(), delivery.reply(), headers, payload);
        } catch (RuntimeException e) {
            LOG.warn("internal subscriber on {} failed", subscription.subject(), e);
        }
        return true;
    }

    @Override
    public void autoUnsubscribe(Subscription subscription) {
        server.index().remove(subscription);
    }

    void close() {
        closed = true;
    }
}
