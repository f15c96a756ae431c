package io.junction.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the file store behaves when I/O fails. An interrupt closes the channel a thread is using, which makes a real
 * I/O failure without special file systems or privileges.
 */
class FileStoreFailureTest {
    @TempDir
    Path directory;

    @Test
    void refusesWritesAfterAFailedWriteButStillServesReads() {
        try (var store = FileStore.open(directory, StoreLimits.NONE)) {
            store.append("a", null, new byte[] {1}, 1);

            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> store.append("a", null, new byte[] {2}, 2))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("failed to append");
            Thread.interrupted();

            assertThatThrownBy(() -> store.append("a", null, new byte[] {3}, 3))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("refuses writes");
            assertThatThrownBy(store::sync).isInstanceOf(StoreException.class);
            assertThat(store.get(1).payload()).containsExactly(1);
        }

        try (var store = FileStore.open(directory, StoreLimits.NONE)) {
            assertThat(store.state().messages()).isEqualTo(1);
        }
    }

    @Test
    void anInterruptedReaderLeavesTheStoreWorking() {
        try (var store = FileStore.open(directory, StoreLimits.NONE)) {
            store.append("a", null, new byte[] {1}, 1);

            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> store.get(1)).isInstanceOf(StoreException.class);
            Thread.interrupted();

            assertThat(store.get(1).payload()).containsExactly(1);
            store.append("a", null, new byte[] {2}, 2);
            store.sync();
            assertThat(store.get(2).payload()).containsExactly(2);
        }
    }
}
