package io.junction.jetstream.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file store's segments frozen at one moment, the cut, for a stream snapshot: readable while the store goes on
 * taking appends, deletes, compactions and syncs, and yielding exactly the files the store had at the cut. A store
 * recovered from those files holds what the store held then, as after a restart at that moment.
 *
 * <h2>How the cut holds</h2>
 * Taken under the store's write lock: each segment's length and a channel of its own to the file. Appends go past
 * the recorded lengths and new segments are not in the cut; a compaction renames a new file over a segment and a sync
 * unlinks an empty one, neither of which changes the file a channel already has open. What remains, the store's two
 * writes in place, the state byte of a deleted frame and the zeroed content of an erased one, the store reports
 * first ({@link #preserve}), and the bytes they replace are kept and put back when the segment is read.
 *
 * <p>{@link #close} releases the channels; until then the store keeps the bytes of every write in place in the cut,
 * so a snapshot must be read and closed, not left open.
 */
public final class StoreSnapshot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSnapshot.class);

    private final StreamState state;
    private final List<SnapshotSegment> segments;
    private final Map<Segment, SnapshotSegment> bySegment;
    private final Consumer<StoreSnapshot> onClose;
    private boolean closed;

    private StoreSnapshot(
            StreamState state,
            List<SnapshotSegment> segments,
            Map<Segment, SnapshotSegment> bySegment,
            Consumer<StoreSnapshot> onClose) {
        this.state = state;
        this.segments = segments;
        this.bySegment = bySegment;
        this.onClose = onClose;
    }

    /** Freezes the segments; the caller holds the store's write lock. */
    static StoreSnapshot take(
            List<Segment> current, StreamState state, Lock storeReadLock, Consumer<StoreSnapshot> onClose)
            throws IOException {
        var segments = new ArrayList<SnapshotSegment>(current.size());
        var bySegment = new IdentityHashMap<Segment, SnapshotSegment>();
        try {
            for (var segment : current) {
                var channel = FileChannel.open(segment.path(), StandardOpenOption.READ);
                var frozen = new SnapshotSegment(
                        segment.path().getFileName().toString(), segment.size(), channel, storeReadLock);
                segments.add(frozen);
                bySegment.put(segment, frozen);
            }
        } catch (IOException e) {
            closeAll(segments);
            throw e;
        }

        return new StoreSnapshot(state, List.copyOf(segments), bySegment, onClose);
    }

    /** The store's state at the cut. */
    public StreamState state() {
        return state;
    }

    /** The segment files at the cut, in the order the store reads them. */
    public List<SnapshotSegment> segments() {
        return segments;
    }

    /** Called under the store's write lock before it overwrites {@code count} bytes of a segment in place. */
    void preserve(Segment segment, long position, int count) {
        var frozen = bySegment.get(segment);
        if (frozen != null) {
            frozen.preserve(position, count);
        }
    }

    /** Releases the files; the store stops keeping bytes for this snapshot. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        onClose.accept(this);
        closeAll(segments);
    }

    private static void closeAll(List<SnapshotSegment> segments) {
        for (var segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.warn("snapshot segment={} did not close cleanly", segment.name(), e);
            }
        }
    }
}
