package io.junction.jetstream;

import io.junction.jetstream.consumer.ConsumerRegistry;
import io.junction.jetstream.store.FileStore;
import io.junction.jetstream.store.MemoryStore;
import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.store.StateFile;
import io.junction.jetstream.store.StoreCompression;
import io.junction.jetstream.store.StoreLimits;
import io.junction.jetstream.stream.StreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Opens the store a stream's configuration asks for, and writes small metadata files durably. */
final class Stores {
    static final ConsumerRegistry.DurableFiles DURABLE_FILES = new ConsumerRegistry.DurableFiles() {
        @Override
        public void write(Path file, byte[] content) {
            try {
                writeDurably(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public byte[] read(Path file) {
            return new StateFile(file).read().orElse(null);
        }

        @Override
        public void deleteTree(Path directory) {
            try {
                markDeleting(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // A state write finishing as the consumer goes can leave a file behind the walk: walk again.
            for (var attempt = 1; ; attempt++) {
                try {
                    deleteOnce(directory);
                    return;
                } catch (java.nio.file.DirectoryNotEmptyException e) {
                    if (attempt == 3) {
                        throw new UncheckedIOException(e);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public boolean finishDeleting(Path directory) {
            return Stores.finishDeleting(directory);
        }
    };

    /**
     * The file that marks a stream's or a consumer's directory as being deleted. It is written durably before anything
     * else goes and removed last, so a crash part way leaves the directory whole or marked, and a start removes a
     * marked directory rather than loading what is left of it (a stream with some of its consumers, a consumer
     * without its state).
     */
    static final String DELETING = "deleting";

    private Stores() {}

    /** Marks the directory as being deleted, durably; nothing happens when it is already gone. */
    static void markDeleting(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            new StateFile(directory.resolve(DELETING)).write(new byte[0]);
        }
    }

    /** Removes the directory, its {@link #DELETING} mark last and the directory itself after it. */
    static void deleteOnce(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        var mark = directory.resolve(DELETING);
        try (var walk = Files.walk(directory)) {
            for (var path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(mark) && !path.equals(directory)) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (UncheckedIOException e) {
            // Files.walk reports a file that vanished under it this way; the next walk settles it.
            throw new java.nio.file.DirectoryNotEmptyException(directory.toString());
        }
        Files.deleteIfExists(mark);
        Files.deleteIfExists(directory);
    }

    /**
     * Removes a directory a crash left marked as being deleted, and says whether it was one; a start calls it before
     * loading a stream or a consumer from the directory.
     */
    static boolean finishDeleting(Path directory) {
        if (!Files.exists(directory.resolve(DELETING))) {
            return false;
        }
        try {
            deleteOnce(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish deleting " + directory, e);
        }
        return true;
    }

    static MessageStore open(StreamConfig config, Path directory) {
        var limits = new StoreLimits(
                config.maxMsgs(),
                config.maxBytes(),
                config.maxAgeNanos(),
                config.maxMsgsPerSubject(),
                config.discard() == StreamConfig.Discard.OLD);
        return config.storage() == StreamConfig.Storage.MEMORY
                ? new MemoryStore(limits)
                : FileStore.open(directory.resolve("msgs"), limits, StoreCompression.of(config.compression()));
    }

    static void writeDurably(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        new StateFile(file).write(content);
    }
}
