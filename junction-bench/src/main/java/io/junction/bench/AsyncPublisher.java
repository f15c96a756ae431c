package io.junction.bench;

import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes to a stream with jnats's {@code publishAsync} from one connection, keeping at most {@code window}
 * publishes waiting for their ack, and counts the acks. Only an acked message counts: one whose publish failed or
 * whose ack never came is missing. jnats itself cancels a {@code publishAsync} whose ack has not come within five
 * seconds (its fixed default, checked every five seconds, so after 5 to 10 s), so a server that falls that far
 * behind a full window loses those acks here even if it stores the messages, and the stream then holds more
 * messages than were acked. Acks complete on jnats's own thread; the counts are read once {@link #publish} has
 * returned.
 */
final class AsyncPublisher {
    private final JetStream jetStream;
    private final String subject;
    private final byte[] payload;
    private final int window;
    private final Semaphore permits;
    private final String name;
    private final ClientProblems problems;
    private final LongAdder acked = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private long published;

    AsyncPublisher(
            JetStream jetStream, String subject, byte[] payload, int window, String name, ClientProblems problems) {
        this.jetStream = jetStream;
        this.subject = subject;
        this.payload = payload;
        this.window = window;
        this.permits = new Semaphore(window);
        this.name = name;
        this.problems = problems;
    }

    /**
     * Publishes until the deadline passes or {@code limit} messages have gone out, then waits up to
     * {@code drainTimeout} for the acks still outstanding.
     */
    void publish(long deadlineNanos, long limit, Duration drainTimeout) throws InterruptedException {
        while (published < limit) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0 || !permits.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                break;
            }
            try {
                jetStream.publishAsync(subject, payload).whenComplete(this::completed);
            } catch (RuntimeException e) {
                permits.release();
                problems.add(name + " publishAsync threw " + e);
                break;
            }
            published++;
        }
        if (permits.tryAcquire(window, drainTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
            permits.release(window);
        }
    }

    private void completed(PublishAck ack, Throwable failure) {
        if (failure == null) {
            acked.increment();
            if (ack.isDuplicate()) {
                duplicates.increment();
            }
        } else {
            var cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            problems.add(name + " publish failed: " + cause);
        }
        permits.release();
    }

    long published() {
        return published;
    }

    long acked() {
        return acked.sum();
    }

    /** Acks that said the stream had the message already, which no publish here should get. */
    long duplicates() {
        return duplicates.sum();
    }

    /** Publishes that failed or whose ack has not come. */
    long missing() {
        return published - acked.sum();
    }
}
