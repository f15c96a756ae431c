package io.junction.bench;

import io.nats.client.MessageHandler;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishers on one subject and the subscribers that share their messages, with the counts that tell how far the
 * publishers have run ahead. Each publisher writes only its own slot; subscribers count in a shared adder.
 */
final class Flow {
    private final String subject;
    private final long deliveriesPerMessage;
    private final AtomicLongArray published;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder malformed = new LongAdder();

    /**
     * @param deliveriesPerMessage how many subscribers get each message: 0 with none, 1 for a pair or a queue
     *     group, the number of subscribers for fan-out
     */
    Flow(String subject, int publishers, int deliveriesPerMessage) {
        this.subject = subject;
        this.deliveriesPerMessage = deliveriesPerMessage;
        this.published = new AtomicLongArray(publishers);
    }

    String subject() {
        return subject;
    }

    int publishers() {
        return published.length();
    }

    void published(int publisher, long count) {
        published.setRelease(publisher, count);
    }

    MessageHandler counter(int messageSize) {
        return message -> {
            if (message.getData().length != messageSize) {
                malformed.increment();
            }
            delivered.increment();
        };
    }

    long published() {
        long sum = 0;
        for (int i = 0; i < published.length(); i++) {
            sum += published.getAcquire(i);
        }

        return sum;
    }

    long expected() {
        return published() * deliveriesPerMessage;
    }

    long delivered() {
        return delivered.sum();
    }

    long malformed() {
        return malformed.sum();
    }

    /** Deliveries published but not yet counted by a subscriber. */
    long lag() {
        return expected() - delivered();
    }
}
