package io.junction.nats.server;

import io.junction.nats.subject.Interest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client's subscription: subject, optional queue group and sid, with its auto-unsubscribe limit. Identity is the
 * object itself, so one client may hold the same subject under several sids.
 */
public final class Subscription implements Interest {
    private final Receiver receiver;
    private final String subject;
    private final String queue;
    private final String sid;
    final byte[] sidBytes;
    private final AtomicLong delivered = new AtomicLong();
    private volatile long max = -1;

    Subscription(Receiver receiver, String subject, String queue, String sid) {
        this.receiver = receiver;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
        this.sidBytes = sid.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String queue() {
        return queue;
    }

    public String sid() {
        return sid;
    }

    public long delivered() {
        return delivered.get();
    }

    public long max() {
        return max;
    }

    Receiver receiver() {
        return receiver;
    }

    void max(long value) {
        max = value;
    }

    /**
     * Counts one delivery against the limit: -1 when the limit was already reached (deliver nothing), 1 when this
     * delivery reaches it (deliver, then unsubscribe), 0 otherwise.
     */
    int claimDelivery() {
        var limit = max;
        var count = delivered.incrementAndGet();
        if (limit <= 0) {
            return 0;
        }
        if (count > limit) {
            return -1;
        }
        return count == limit ? 1 : 0;
    }
}
