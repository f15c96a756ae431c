package io.junction.jetstream.event;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One consumer's advisories and its ack metric, with their subjects made once and their interest remembered until the
 * subscriptions change, so that a consumer nobody watches pays a counter read per event and allocates nothing.
 * Called on the consumer's own thread.
 */
public final class ConsumerEvents {
    private final Advisories advisories;
    private final String stream;
    private final String consumer;
    private final Interest maxDeliveries;
    private final Interest terminated;
    private final Interest naked;
    private final Interest acks;
    private final int sampleFrequency;

    /** @param sampleFrequency the consumer's {@code sample_freq} as a percentage; 0 samples nothing */
    public ConsumerEvents(Advisories advisories, String stream, String consumer, int sampleFrequency) {
        this.advisories = advisories;
        this.stream = stream;
        this.consumer = consumer;
        var suffix = stream + "." + consumer;
        this.maxDeliveries = advisories.interestIn(Advisories.MAX_DELIVERIES + suffix);
        this.terminated = advisories.interestIn(Advisories.MSG_TERMINATED + suffix);
        this.naked = advisories.interestIn(Advisories.MSG_NAKED + suffix);
        this.acks = advisories.interestIn(Advisories.CONSUMER_ACK + suffix);
        this.sampleFrequency = sampleFrequency;
    }

    /** {@code max_deliver}: the message was delivered {@code max_deliver} times and its last ack wait passed. */
    public void maxDeliveries(long streamSequence, long deliveries) {
        if (!maxDeliveries.exists()) {
            return;
        }
        var event = common("max_deliver");
        event.put("stream_seq", streamSequence);
        event.put("deliveries", deliveries);
        advisories.send(maxDeliveries.subject(), event);
    }

    /** {@code terminated}: a client answered {@code +TERM}, with the reason it gave after it, if any. */
    public void terminated(long streamSequence, long consumerSequence, long deliveries, String reason) {
        if (!terminated.exists()) {
            return;
        }
        var event = common("terminated");
        event.put("consumer_seq", consumerSequence);
        event.put("stream_seq", streamSequence);
        event.put("deliveries", deliveries);
        if (reason != null && !reason.isEmpty()) {
            event.put("reason", reason);
        }
        advisories.send(terminated.subject(), event);
    }

    /** {@code nak}: a client answered {@code -NAK} for a message still pending. */
    public void naked(long streamSequence, long consumerSequence, long deliveries) {
        if (!naked.exists()) {
            return;
        }
        var event = common("nak");
        event.put("consumer_seq", consumerSequence);
        event.put("stream_seq", streamSequence);
        event.put("deliveries", deliveries);
        advisories.send(naked.subject(), event);
    }

    /**
     * Whether this ack goes into the {@code consumer_ack} metric: every ack at 100% or more, none at 0, otherwise a
     * random share, drawn as nats-server draws it.
     */
    public boolean samples() {
        if (sampleFrequency <= 0) {
            return false;
        }
        if (sampleFrequency < 100 && ThreadLocalRandom.current().nextInt(100) > sampleFrequency) {
            return false;
        }
        return acks.exists();
    }

    /** {@code consumer_ack}, for an ack {@link #samples} selected; {@code ackTimeNanos} since the ack wait began. */
    public void acknowledged(long streamSequence, long consumerSequence, long deliveries, long ackTimeNanos) {
        var event = Advisories.typed("io.nats.jetstream.metric.v1.consumer_ack");
        event.put("stream", stream);
        event.put("consumer", consumer);
        event.put("consumer_seq", consumerSequence);
        event.put("stream_seq", streamSequence);
        event.put("ack_time", ackTimeNanos);
        event.put("deliveries", deliveries);
        advisories.send(acks.subject(), event);
    }

    private com.fasterxml.jackson.databind.node.ObjectNode common(String type) {
        var event = Advisories.typed(Advisories.ADVISORY_TYPE + type);
        event.put("stream", stream);
        event.put("consumer", consumer);
        return event;
    }

    /** {@code sample_freq} as nats-server reads it: a whole number, with or without a trailing {@code %}. */
    public static int parseSampleFrequency(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        var digits = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
        try {
            return (int) Math.min(Long.parseLong(digits), 100);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
