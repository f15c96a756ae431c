package io.junction.jetstream.store;

import static io.junction.jetstream.store.FileStoreRecoveryTest.append;
import static io.junction.jetstream.store.FileStoreRecoveryTest.assertIntact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store snapshot yields the segments as they were at the cut, whatever the store does while it is read: a store
 * opened on those files holds exactly what the store held then.
 */
class FileStoreSnapshotTest {
    private static final int SEGMENT_BYTES = 4096;

    @TempDir
    Path directory;

    @TempDir
    Path copy;

    @Test
    void yieldsTheCutWhileAppendsDeletesErasuresCompactionsAndPurgesGoOn() throws IOException {
        StreamState cutState;
        List<Long> cutDeleted;
        try (var store = FileStore.open(directory, StoreLimits.NONE, SEGMENT_BYTES)) {
            append(store, 300);
            for (var sequence = 4L; sequence <= 200; sequence += 4) {
                store.delete(sequence, sequence % 8 == 0);
            }
            store.delete(300, false);
            store.sync();
            cutState = store.state();
            cutDeleted = store.deletedSequences();

            try (var snapshot = store.snapshot()) {
                append(store, 50);
                for (var sequence = 1L; sequence <= 150; sequence++) {
                    store.delete(sequence, sequence % 3 == 0);
                }
                store.sync();
                while (store.compactSegments() > 0) {
                    store.sync();
                }
                store.purge(null, 320, 0);
                store.sync();
                writeOut(snapshot);
            }
        }

        try (var restored = FileStore.open(copy, StoreLimits.NONE, SEGMENT_BYTES)) {
            assertThat(restored.state()).isEqualTo(cutState);
            assertThat(restored.deletedSequences()).isEqualTo(cutDeleted);
            for (var sequence = cutState.firstSeq(); sequence <= cutState.lastSeq(); sequence++) {
                if (cutDeleted.contains(sequence) || sequence == 300) {
                    assertThat(restored.get(sequence))
                            .as("sequence %d", sequence)
                            .isNull();
                } else {
                    assertIntact(restored, sequence);
                }
            }
        }
    }

    @Test
    void reportsTheStateAtTheCut() {
        try (var store = FileStore.open(directory, StoreLimits.NONE, SEGMENT_BYTES)) {
            append(store, 10);
            var state = store.state();

            try (var snapshot = store.snapshot()) {
                append(store, 5);

                assertThat(snapshot.state()).isEqualTo(state);
                assertThat(snapshot.segments()).isNotEmpty();
            }
        }
    }

    @Test
    void aMemoryStoreHasNoSnapshot() {
        try (var store = new MemoryStore(StoreLimits.NONE)) {
            assertThatThrownBy(store::snapshot).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    private void writeOut(StoreSnapshot snapshot) throws IOException {
        for (var segment : snapshot.segments()) {
            try (var out = Files.newOutputStream(copy.resolve(segment.name()))) {
                segment.writeTo(out);
            }
            assertThat(Files.size(copy.resolve(segment.name()))).isEqualTo(segment.length());
        }
    }
}
