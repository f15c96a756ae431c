package io.junction.jetstream.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared behaviour with {@code compression: s2}, on small segments. */
class CompressedFileStoreBehaviourTest extends MessageStoreBehaviourTest {
    private static final int SEGMENT_BYTES = 128;

    @TempDir
    Path directory;

    @Override
    MessageStore open(StoreLimits limits) {
        return FileStore.open(directory, limits, SEGMENT_BYTES, StoreCompression.S2);
    }

    @Override
    MessageStore reopen(MessageStore store, StoreLimits limits) {
        store.close();
        return FileStore.open(directory, limits, SEGMENT_BYTES, StoreCompression.S2);
    }

    @Override
    long messageSize(String subject, byte[] headers, byte[] payload) {
        return StoreLimits.fileMessageSize(subject, headers, payload);
    }
}
