package io.junction.bench;

import io.nats.client.MessageHandler;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishers on one subject and the subscribers that share their messages, with the counts that tell how far the
 * publishers have run ahead and whether every subscriber got what it should. Each publisher writes only its own slot
 * and each subscriber only its own counter.
 */
final class Flow {
    private final String subject;
    private final boolean queueGroup;
    private final AtomicLongArray published;
    private final LongAdder[] received;
    private final LongAdder malformed = new LongAdder();

    /**
     * @param queueGroup whether the subscribers form one queue group, each message going to one of them, rather
     *     than each getting every message
     */
    Flow(String subject, int publishers, int subscribers, boolean queueGroup) {
        this.subject = subject;
        this.queueGroup = queueGroup;
        this.published = new AtomicLongArray(publishers);
        this.received = new LongAdder[subscribers];
        for (int i = 0; i < subscribers; i++) {
            received[i] = new LongAdder();
        }
    }

    String subject() {
        return subject;
    }

    boolean queueGroup() {
        return queueGroup;
    }

    int publishers() {
        return published.length();
    }

    int subscribers() {
        return received.length;
    }

    void published(int publisher, long count) {
        published.setRelease(publisher, count);
    }

    /** The message handler of one subscriber: counts its deliveries and those of the wrong size. */
    MessageHandler counter(int subscriber, int messageSize) {
        var count = received[subscriber];
        return message -> {
            if (message.getData().length != messageSize) {
                malformed.increment();
            }
            count.increment();
        };
    }

    long published() {
        long sum = 0;
        for (int i = 0; i < published.length(); i++) {
            sum += published.getAcquire(i);
        }

        return sum;
    }

    long delivered() {
        long sum = 0;
        for (var count : received) {
            sum += count.sum();
        }

        return sum;
    }

    /** Deliveries published but not yet counted by a subscriber. */
    long lag() {
        long perMessage = queueGroup ? Math.min(1, received.length) : received.length;

        return published() * perMessage - delivered();
    }

    /** Deliveries that never came: per subscriber when each should get every message, else for the group. */
    long missing() {
        long published = published();
        if (queueGroup) {
            return Math.max(0, published - delivered());
        }
        long missing = 0;
        for (var count : received) {
            missing += Math.max(0, published - count.sum());
        }

        return missing;
    }

    /** Deliveries beyond what was published, counted the same way, plus those of the wrong size. */
    long surplus() {
        long published = published();
        long surplus = malformed.sum();
        if (queueGroup) {
            return surplus + Math.max(0, delivered() - published);
        }
        for (var count : received) {
            surplus += Math.max(0, count.sum() - published);
        }

        return surplus;
    }
}
