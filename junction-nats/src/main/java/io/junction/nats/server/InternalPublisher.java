package io.junction.nats.server;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes on behalf of the server itself, from any thread: matches, delivers, then flushes every receiver it
 * touched at once. One instance per publish, so callers on many threads never share state.
 */
final class InternalPublisher implements Publisher {
    private final NatsServer server;
    private final List<Outbound> touched = new ArrayList<>(2);

    InternalPublisher(NatsServer server) {
        this.server = server;
    }

    boolean publish(String deliverTo, String subject, String reply, byte[] headers, byte[] payload) {
        var message = headers == null ? Unpooled.wrappedBuffer(payload) : Unpooled.wrappedBuffer(headers, payload);
        var delivery = new Delivery(this);
        delivery.prepare(subject, reply, headers == null ? -1 : headers.length, message);
        var delivered = delivery.toAll(server.index().match(deliverTo));
        delivery.release();
        for (var outbound : touched) {
            outbound.flushSoon();
        }
        return delivered;
    }

    @Override
    public boolean echo() {
        return true;
    }

    @Override
    public void flushLater(Outbound outbound) {
        touched.add(outbound);
    }
}
