package io.junction.jetstream.store;

/**
 * A store's state at one moment. {@code firstSeq} is {@code lastSeq + 1} when the store is empty; sequences are
 * never reused, so {@code lastSeq} survives deletes, purges and restarts.
 */
public record StreamState(
        long messages,
        long bytes,
        long firstSeq,
        long firstTimestampNanos,
        long lastSeq,
        long lastTimestampNanos,
        long numSubjects,
        long numDeleted) {}
