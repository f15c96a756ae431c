package io.junction.nats.server;

import io.junction.nats.subject.MatchResult;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One published message on its way to the subscriptions it matched, with the wire pieces every receiver shares
 * encoded once: subject, reply and the size fields.
 *
 * <p>Each connection reuses one instance for all its publishes, on its event loop; the encodings of the last
 * subject, reply and sizes are kept, as publishers tend to repeat them.
 */
final class Delivery {
    private final Publisher publisher;
    private String subject;
    private byte[] subjectBytes;
    private String reply;
    private byte[] replyBytes;
    private int headerLength = Integer.MIN_VALUE;
    private int size = -1;
    private byte[] sizes;
    private byte[] payloadSizes;
    private ByteBuf message;

    Delivery(Publisher publisher) {
        this.publisher = publisher;
    }

    /** Readies this delivery for one message; the buffer is only valid until the publish returns. */
    void prepare(String subject, String reply, int headerLength, ByteBuf message) {
        if (!subject.equals(this.subject)) {
            this.subject = subject;
            subjectBytes = subject.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (reply == null) {
            this.reply = null;
            replyBytes = null;
        } else if (!reply.equals(this.reply)) {
            this.reply = reply;
            replyBytes = reply.getBytes(StandardCharsets.ISO_8859_1);
        }
        var messageSize = message.readableBytes();
        if (headerLength != this.headerLength || messageSize != size) {
            this.headerLength = headerLength;
            size = messageSize;
            // An empty header block (HPUB with a header size of 0) is delivered as a plain MSG, as nats-server does.
            var text = headerLength <= 0 ? " " + messageSize + "\r\n" : " " + headerLength + " " + messageSize + "\r\n";
            sizes = text.getBytes(StandardCharsets.US_ASCII);
            payloadSizes = null;
        }
        this.message = message;
    }

    /**
     * Delivers to every plain subscription and to one member of each queue group, picked at random and passed over
     * for the next when it cannot take the message; true when anyone took it.
     */
    boolean toAll(MatchResult<Subscription> result) {
        var delivered = false;
        for (var subscription : result.plain()) {
            delivered |= to(subscription);
        }
        for (var group : result.queueGroups()) {
            delivered |= toOneOf(group);
        }
        return delivered;
    }

    private boolean toOneOf(List<Subscription> group) {
        var size = group.size();
        var first = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (var i = 0; i < size; i++) {
            if (to(group.get((first + i) % size))) {
                return true;
            }
        }
        return false;
    }

    /** Delivers to one subscription; false when it took nothing (echo off, closed, limit reached, refused). */
    private boolean to(Subscription subscription) {
        var target = subscription.receiver();
        if (target == publisher && !publisher.echo() || target.isClosed() || !target.permits(subject)) {
            return false;
        }
        var claim = subscription.claimDelivery();
        if (claim < 0) {
            return false;
        }
        var delivered = target.enqueue(this, subscription, publisher);
        if (claim == 1) {
            target.autoUnsubscribe(subscription);
        }
        return delivered;
    }

    void release() {
        message = null;
    }

    String subject() {
        return subject;
    }

    byte[] subjectBytes() {
        return subjectBytes;
    }

    String reply() {
        return reply;
    }

    byte[] replyBytes() {
        return replyBytes;
    }

    byte[] sizes() {
        return sizes;
    }

    boolean hasHeaders() {
        return headerLength > 0;
    }

    /** The size field for a receiver that did not enable headers, which gets the payload alone. */
    byte[] payloadSizes() {
        if (!hasHeaders()) {
            return sizes;
        }
        if (payloadSizes == null) {
            payloadSizes = (" " + (size - headerLength) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        return payloadSizes;
    }

    /** The message without its header block, for a receiver that did not enable headers. */
    ByteBuf payload() {
        return hasHeaders() ? message.slice(message.readerIndex() + headerLength, size - headerLength) : message;
    }

    /** The header block's length within {@link #message}, or -1 without headers. */
    int headerLength() {
        return headerLength;
    }

    ByteBuf message() {
        return message;
    }
}
