package io.junction.jetstream.consumer;

/** A consumer's counters at one moment, for consumer info. */
public record ConsumerInfoSnapshot(
        long deliveredConsumerSeq,
        long deliveredStreamSeq,
        long ackFloorConsumerSeq,
        long ackFloorStreamSeq,
        long numAckPending,
        long numRedelivered,
        long numWaiting,
        long numPending,
        long lastActiveNanos,
        boolean pushBound) {}
