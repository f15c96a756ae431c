package io.junction.jetstream.consumer;

/**
 * A consumer's counters at one moment, for consumer info; the times (wall clock, nanoseconds since the epoch, 0 for
 * never) of its last delivery and of its last ack, which nats-server reports as {@code delivered.last_active} and
 * {@code ack_floor.last_active}.
 */
public record ConsumerInfoSnapshot(
        long deliveredConsumerSeq,
        long deliveredStreamSeq,
        long ackFloorConsumerSeq,
        long ackFloorStreamSeq,
        long numAckPending,
        long numRedelivered,
        long numWaiting,
        long numPending,
        long lastDeliveredNanos,
        long lastAckedNanos,
        boolean pushBound) {}
