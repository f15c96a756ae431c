package io.junction.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A file store's writes into frames already on disk, the only bytes it ever changes in place: the state byte of a
 * removed frame, and an erased frame's content. Removals are marked when the mutation that made them ends, so one
 * batch of evictions costs one pass; an erasure is written at once. Each open {@link StoreSnapshot} is shown the bytes
 * first, so that it keeps what it froze.
 *
 * <p>Not thread-safe: the store calls it under its write lock; snapshots leave the list from any thread.
 */
final class FrameRewrites {
    private final List<FileEntry> removed = new ArrayList<>();
    private final ByteBuffer deletedState = ByteBuffer.allocateDirect(1).put(0, SegmentFormat.DELETED);
    private final List<StoreSnapshot> snapshots = new CopyOnWriteArrayList<>();

    /** The frame is no longer live: mark it deleted at the next {@link #flush}. */
    void removed(FileEntry entry) {
        removed.add(entry);
    }

    /** Replaces the frame just {@link #removed} with its erasure (from its state byte on), instead of a mark. */
    void erase(FileEntry entry, ByteBuffer erasure) throws IOException {
        removed.remove(entry);
        overwrite(entry, erasure);
    }

    /**
     * Marks the removed frames deleted on disk, also in segments left empty, so that a process killed before the
     * sync that removes those segments comes back without them.
     */
    void flush() throws IOException {
        for (var entry : removed) {
            overwrite(entry, deletedState.clear());
        }
        removed.clear();
    }

    /** Shows the snapshot every later write in place until it is closed; returns it. */
    StoreSnapshot track(StoreSnapshot snapshot) {
        snapshots.add(snapshot);

        return snapshot;
    }

    void untrack(StoreSnapshot snapshot) {
        snapshots.remove(snapshot);
    }

    private void overwrite(FileEntry entry, ByteBuffer bytes) throws IOException {
        var position = entry.offset() + SegmentFormat.STATE_OFFSET;
        for (var snapshot : snapshots) {
            snapshot.preserve(entry.segment(), position, bytes.remaining());
        }
        entry.segment().writeAt(bytes, position);
    }
}
