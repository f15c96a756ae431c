package io.junction.jetstream;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where JetStream keeps its files and how much it may use; -1 means no limit. The store directory holds
 * {@code jetstream/$G/streams/<name>/}, as nats-server lays it out.
 *
 * @param syncInterval null for Junction's default, an fsync before every publish ack; otherwise nats-server's
 *     looser mode: publishes are acknowledged once written and fsynced this often
 */
public record JetStreamConfig(Path storeDir, long maxMemory, long maxStore, Duration syncInterval) {
    public JetStreamConfig(Path storeDir, long maxMemory, long maxStore) {
        this(storeDir, maxMemory, maxStore, null);
    }
}
