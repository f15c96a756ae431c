package io.junction.jetstream.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared behaviour on small segments, so that the suite also crosses segment boundaries and removals. */
class FileStoreBehaviourTest extends MessageStoreBehaviourTest {
    private static final int SEGMENT_BYTES = 128;

    @TempDir
    Path directory;

    @Override
    MessageStore open(StoreLimits limits) {
        return FileStore.open(directory, limits, SEGMENT_BYTES);
    }

    @Override
    MessageStore reopen(MessageStore store, StoreLimits limits) {
        store.close();
        return FileStore.open(directory, limits, SEGMENT_BYTES);
    }

    @Override
    long messageSize(String subject, byte[] headers, byte[] payload) {
        return StoreLimits.fileMessageSize(subject, headers, payload);
    }
}
