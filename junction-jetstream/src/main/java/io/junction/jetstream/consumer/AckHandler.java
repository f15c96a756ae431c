package io.junction.jetstream.consumer;

import io.junction.jetstream.event.ConsumerEvents;
import io.junction.jetstream.stream.Stream;
import io.junction.jetstream.stream.StreamConfig;
import java.util.function.LongSupplier;

/**
 * What a consumer makes of the replies to its ack subjects: {@code +ACK} (or an empty body, or {@code +OK}),
 * {@code -NAK} with an optional delay, {@code +WPI}, {@code +TERM} with an optional reason, and the ack half of
 * {@code +NXT}. Under {@code ack_policy: all} an ack settles every pending message up to its own. On a work-queue
 * stream an ack removes the message; on an interest stream, the last interested consumer's ack does.
 *
 * <p>Confined to the consumer's executor.
 */
final class AckHandler {
    private final Stream stream;
    private final ConsumerConfig config;
    private final DeliveryState state;
    private final ConsumerEvents events;
    private final LongSupplier cursor;

    /** @param cursor the stream sequence up to which the consumer has delivered */
    AckHandler(Stream stream, ConsumerConfig config, DeliveryState state, ConsumerEvents events, LongSupplier cursor) {
        this.stream = stream;
        this.config = config;
        this.state = state;
        this.events = events;
        this.cursor = cursor;
    }

    /**
     * Applies one ack reply, its body already trimmed; a body of no known kind is ignored, as nats-server ignores it.
     *
     * @return for {@code +NXT}, the pull request that follows the ack (possibly empty); otherwise null
     */
    String apply(AckSubject ack, String text) {
        var sequence = ack.streamSequence();
        if (isAck(text)) {
            acknowledge(ack);
        } else if (text.startsWith("-NAK")) {
            nak(ack, text.substring(4).trim());
        } else if (text.startsWith("+WPI")) {
            state.extendDeadline(
                    sequence, System.nanoTime() + config.ackWaitFor(Math.max(1, state.deliveryCount(sequence))));
        } else if (text.startsWith("+TERM")) {
            terminate(ack, text.substring(5).trim());
        } else if (text.startsWith("+NXT")) {
            acknowledge(ack);
            return text.substring(4).trim();
        }
        return null;
    }

    /**
     * Whether an ack that asks for a reply gets one, as nats-server decides it: an ack or {@code +TERM} of a message
     * past those the consumer has delivered gets none, nor does one to a consumer without acks on a limits stream,
     * which has nothing to record; every other reply gets its answer.
     */
    boolean answers(AckSubject ack, String text) {
        if (!isAck(text) && !text.startsWith("+TERM")) {
            return true;
        }
        if (ack.streamSequence() > cursor.getAsLong()) {
            return false;
        }
        return config.ackPolicy() != ConsumerConfig.AckPolicy.NONE
                || stream.config().retention() != StreamConfig.Retention.LIMITS;
    }

    private static boolean isAck(String text) {
        return text.isEmpty() || text.startsWith("+ACK") || text.startsWith("+OK");
    }

    private void acknowledge(AckSubject ack) {
        var sequence = ack.streamSequence();
        switch (config.ackPolicy()) {
            case ALL -> acknowledgeUpTo(ack);
            case EXPLICIT -> {
                if (!state.isPending(sequence)) {
                    // one past max_deliver left the pending set, but an ack still frees it from a work-queue or
                    // interest stream, as nats-server acks it there for any delivered sequence
                    state.settle(sequence);
                    if (sequence <= cursor.getAsLong()) {
                        removeFromStreamIfDone(sequence);
                    }
                    return;
                }
                // nats-server samples only explicit acks of messages still pending
                if (events.samples()) {
                    var ackWait = config.ackWaitFor(Math.max(1, state.deliveryCount(sequence)));
                    var waitStarted = state.waitStartedNanos(sequence, ackWait);
                    var sinceDelivery = System.nanoTime() - waitStarted;
                    events.acknowledged(sequence, ack.consumerSequence(), ack.deliveries(), sinceDelivery);
                }
                settle(sequence);
            }
            case NONE -> {
                if (sequence <= cursor.getAsLong()) {
                    removeFromStreamIfDone(sequence);
                }
            }
        }
    }

    private void acknowledgeUpTo(AckSubject ack) {
        state.settleUpTo(ack.streamSequence(), ack.consumerSequence()).forEach(this::removeFromStreamIfDone);
    }

    private void settle(long sequence) {
        state.settle(sequence);
        removeFromStreamIfDone(sequence);
    }

    /**
     * Settles the message as an ack would (under {@code ack_policy: all}, everything up to it, as nats-server's ack
     * does); the advisory goes out whether or not it was still pending.
     */
    private void terminate(AckSubject ack, String reason) {
        var sequence = ack.streamSequence();
        switch (config.ackPolicy()) {
            case ALL -> acknowledgeUpTo(ack);
            case EXPLICIT -> settle(sequence);
            case NONE -> removeFromStreamIfDone(sequence);
        }
        events.terminated(sequence, ack.consumerSequence(), ack.deliveries(), reason);
    }

    private void nak(AckSubject ack, String delayText) {
        var sequence = ack.streamSequence();
        if (!state.isPending(sequence)) {
            return;
        }
        events.naked(sequence, ack.consumerSequence(), ack.deliveries());
        var delay = NakDelay.parse(delayText);
        if (delay > 0) {
            state.extendDeadline(sequence, System.nanoTime() + delay);
        } else {
            state.queueRedelivery(sequence);
        }
    }

    private void removeFromStreamIfDone(long sequence) {
        var retention = stream.config().retention();
        if (retention == StreamConfig.Retention.WORKQUEUE) {
            stream.removeAcknowledged(sequence);
        } else if (retention == StreamConfig.Retention.INTEREST) {
            stream.removeIfAllAcknowledged(sequence);
        }
    }
}
