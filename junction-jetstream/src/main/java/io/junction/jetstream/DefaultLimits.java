package io.junction.jetstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's {@code max_mem} and {@code max_file} when the configuration leaves them out (or sets them below 0),
 * chosen as nats-server chooses them but with the JVM in mind.
 *
 * <h2>Memory</h2>
 * nats-server takes 75% of the machine's memory. Junction keeps the messages of memory streams on the JVM heap, so
 * the machine's memory says nothing about what fits: the default is half the heap the JVM may grow to
 * ({@code -Xmx}), leaving the other half to what every stored message costs besides its bytes (index entries,
 * copies on their way to subscribers, the garbage collector's headroom) and to the rest of the server. With the
 * limit reached, publishes get {@code insufficient resources} instead of the server running out of heap.
 *
 * <h2>Storage</h2>
 * As nats-server: 75% of the space free to this process on the file system of the store directory, and 1 TB when
 * that cannot be read.
 */
final class DefaultLimits {
    /** nats-server's guess when it cannot tell the free space: 1 TB. */
    static final long STORAGE_FALLBACK = 1L << 40;
    /** nats-server's memory limit when it cannot tell the machine's memory: 256 MB. */
    static final long MEMORY_FALLBACK = 256L << 20;

    private DefaultLimits() {}

    /** The config with the defaults in place of the limits it leaves out; its other settings as they are. */
    static JetStreamConfig apply(JetStreamConfig config) {
        var jetStreamDirectory = config.storeDir().resolve("jetstream");
        var maxMemory = config.maxMemory() >= 0 ? config.maxMemory() : memory();
        var maxStore = config.maxStore() >= 0 ? config.maxStore() : storage(jetStreamDirectory);

        return new JetStreamConfig(config.storeDir(), maxMemory, maxStore, config.syncInterval(), config.domain());
    }

    /** Half the heap the JVM may grow to. */
    static long memory() {
        var heap = Runtime.getRuntime().maxMemory();
        return heap == Long.MAX_VALUE ? MEMORY_FALLBACK : heap / 2;
    }

    /** 75% of the usable space under the directory, measured on the nearest part of its path that exists. */
    static long storage(Path directory) {
        var existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return STORAGE_FALLBACK;
        }
        try {
            return Files.getFileStore(existing).getUsableSpace() / 4 * 3;
        } catch (IOException | SecurityException e) {
            return STORAGE_FALLBACK;
        }
    }
}
