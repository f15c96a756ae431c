package io.junction.jetstream;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where JetStream keeps its files and how much it may use; -1 means no limit. The store directory holds
 * {@code jetstream/$G/streams/<name>/}, as nats-server lays it out.
 *
 * @param syncInterval null for Junction's default, an fsync before every publish ack; otherwise nats-server's
 *     looser mode: publishes are acknowledged once written and fsynced this often
 * @param domain the JetStream domain, null for none: the API also answers on {@code $JS.<domain>.API}, and pub acks
 *     and infos name it
 */
public record JetStreamConfig(Path storeDir, long maxMemory, long maxStore, Duration syncInterval, String domain) {
    public JetStreamConfig {
        domain = domain == null || domain.isEmpty() ? null : domain;
    }

    public JetStreamConfig(Path storeDir, long maxMemory, long maxStore, Duration syncInterval) {
        this(storeDir, maxMemory, maxStore, syncInterval, null);
    }

    public JetStreamConfig(Path storeDir, long maxMemory, long maxStore) {
        this(storeDir, maxMemory, maxStore, null, null);
    }
}
