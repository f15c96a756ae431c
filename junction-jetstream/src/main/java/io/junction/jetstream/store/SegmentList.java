package io.junction.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file store's segments in id order, the newest last, and whether the directory has entries not yet forced. The
 * newest segment takes appends and is never removed nor compacted, since its header carries the last sequence.
 *
 * <p>Not thread-safe: the store changes it under its write lock and reads it under its read lock.
 */
final class SegmentList {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentList.class);

    private final Path directory;
    private final List<Segment> segments = new ArrayList<>();
    private long lastId;
    private boolean directoryDirty;

    SegmentList(Path directory) {
        this.directory = directory;
    }

    /** Takes the recovered segments and asks the next sync to force them and the directory, as open must. */
    void recovered(List<Segment> recovered, long lastSegmentId) {
        segments.addAll(recovered);
        lastId = lastSegmentId;
        segments.forEach(Segment::markDirty);
        directoryDirty = true;
    }

    List<Segment> all() {
        return Collections.unmodifiableList(segments);
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    int size() {
        return segments.size();
    }

    Segment newest() {
        return segments.getLast();
    }

    /** Creates the next segment with this header; it becomes the newest. */
    void create(ByteBuffer header, boolean compressed) throws IOException {
        segments.add(Segment.create(directory, ++lastId, header, compressed));
        directoryDirty = true;
    }

    /** The segments written since the last call, marked clean. */
    List<Segment> takeWritten() {
        var written = segments.stream().filter(Segment::isDirty).toList();
        written.forEach(Segment::clean);

        return written;
    }

    /** Whether segments were created since the last call, so that the directory needs a force. */
    boolean takeDirectoryDirty() {
        var dirty = directoryDirty;
        directoryDirty = false;

        return dirty;
    }

    /** The segments but the newest that hold no live message. */
    List<Segment> empty() {
        return segments.stream()
                .filter(segment -> segment.live() == 0 && segment != newest())
                .toList();
    }

    /** Replaces a segment by its compacted self; false when it is no longer in the list. */
    boolean replace(Segment old, Segment compacted) {
        var at = segments.indexOf(old);
        if (at < 0) {
            return false;
        }
        segments.set(at, compacted);

        return true;
    }

    boolean contains(Segment segment) {
        return segments.contains(segment);
    }

    /** Removes the segments and deletes their files; the caller forces the directory. */
    void remove(List<Segment> empty) throws IOException {
        segments.removeAll(empty);
        for (var segment : empty) {
            segment.closeAndDelete();
            LOG.debug("store={} segment={} removed, it holds no message", directory, segment);
        }
    }

    /** Closes every segment's channels, logging rather than failing, since nothing is left to write. */
    void closeAll() {
        for (var segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.warn("store={} segment={} did not close cleanly", directory, segment, e);
            }
        }
    }
}
