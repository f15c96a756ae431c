package io.junction.cli;

import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Works through a durable pull consumer while the publisher runs: acknowledges most messages with AckSync and leaves
 * about one in eight unacknowledged, to be redelivered after the next restart. Records the stream sequence of every
 * message whose AckSync the server confirmed; a message delivered again after its ack was confirmed is a problem.
 */
final class CrashWorker implements Runnable {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);

    private final JetStreamSubscription subscription;
    private final Set<Long> confirmed;
    private final Set<Long> unconfirmed;
    private final Random random;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    /**
     * @param confirmed stream sequences whose AckSync the server confirmed, over every run so far
     * @param unconfirmed stream sequences acknowledged without a confirmation (the server died first); the server may
     *     or may not have taken those acks
     */
    CrashWorker(JetStreamSubscription subscription, Set<Long> confirmed, Set<Long> unconfirmed, long seed) {
        this.subscription = subscription;
        this.confirmed = confirmed;
        this.unconfirmed = unconfirmed;
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                for (var message : subscription.fetch(16, Duration.ofMillis(200))) {
                    if (random.nextInt(8) != 0) {
                        acknowledge(message);
                    }
                }
            }
        } catch (Exception e) {
            // the server was killed or the connection closed: the run ends here
        }
    }

    void stop() {
        stopped = true;
    }

    List<String> problems() {
        return problems;
    }

    /**
     * Acknowledges everything the consumer still has to deliver, redeliveries included, until it reports nothing
     * pending: each batch with plain acks and an AckSync for its last message, whose confirmation covers the acks
     * before it.
     */
    void drain(JetStreamManagement jsm, String stream, String consumer) throws Exception {
        for (var left = left(jsm, stream, consumer); left > 0; left = left(jsm, stream, consumer)) {
            var messages = subscription.fetch((int) Math.min(64, left), Duration.ofSeconds(2));
            for (var message : messages) {
                checkNotConfirmed(message);
                unconfirmed.add(message.metaData().streamSequence());
                if (message != messages.getLast()) {
                    message.ack();
                }
            }
            if (!messages.isEmpty()) {
                messages.getLast().ackSync(ACK_TIMEOUT);
                for (var message : messages) {
                    confirmed.add(message.metaData().streamSequence());
                    unconfirmed.remove(message.metaData().streamSequence());
                }
            }
        }
    }

    private static long left(JetStreamManagement jsm, String stream, String consumer) throws Exception {
        var info = jsm.getConsumerInfo(stream, consumer);
        return info.getNumPending() + info.getNumAckPending();
    }

    private void acknowledge(Message message) throws Exception {
        var sequence = message.metaData().streamSequence();
        checkNotConfirmed(message);
        unconfirmed.add(sequence);
        message.ackSync(ACK_TIMEOUT);
        confirmed.add(sequence);
        unconfirmed.remove(sequence);
    }

    private void checkNotConfirmed(Message message) {
        var sequence = message.metaData().streamSequence();
        if (confirmed.contains(sequence)) {
            problems.add("stream sequence " + sequence + " delivered again after its AckSync was confirmed (delivery "
                    + message.metaData().deliveredCount() + ")");
        }
    }
}
