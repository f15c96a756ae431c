package io.junction.jetstream;

import java.nio.file.Path;

/**
 * Where JetStream keeps its files and how much it may use; -1 means no limit. The store directory holds
 * {@code jetstream/$G/streams/<name>/}, as nats-server lays it out.
 */
public record JetStreamConfig(Path storeDir, long maxMemory, long maxStore) {}
