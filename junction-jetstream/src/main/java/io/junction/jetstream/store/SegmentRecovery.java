package io.junction.jetstream.store;

import static io.junction.jetstream.store.SegmentFormat.HEADER_SIZE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a file store's segments and index from its directory, in segment order, and repairs what a crash or a
 * corruption left: an empty file is removed, a bad frame followed by good ones is skipped, and a bad tail is cut off.
 * A segment whose header is damaged is read frame by frame all the same, and its header rewritten from what the
 * frames and the segments before it say ({@link DamagedHeader}); one with no good frame either is renamed aside. A
 * compaction's new file that never replaced its segment is removed, since the segment it was written from is whole.
 * Last, the store's high-water mark raises the last sequence and the purge floor to what the segments may have lost.
 * Each repair is logged at WARN with the segment and offset.
 */
final class SegmentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);
    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d+)\\.seg");
    private static final Pattern COMPACTION_NAME =
            Pattern.compile("\\d+\\.seg" + Pattern.quote(SegmentCompaction.SUFFIX));

    private final Path directory;
    private final MessageIndex<FileEntry> index;
    private final CRC32C crc = new CRC32C();
    private final List<Segment> segments = new ArrayList<>();
    private long lastSegmentId;
    private long purgeFloor;

    private SegmentRecovery(Path directory, MessageIndex<FileEntry> index) {
        this.directory = directory;
        this.index = index;
    }

    /** The recovered segments, oldest first, with the index filled in. */
    record Recovered(List<Segment> segments, long lastSegmentId, long purgeFloor) {}

    /** @param mark the store's high-water mark as it opened, {@link HighWaterMark.Mark#NONE} for none */
    static Recovered recover(Path directory, MessageIndex<FileEntry> index, HighWaterMark.Mark mark)
            throws IOException {
        var recovery = new SegmentRecovery(directory, index);
        recovery.removeUnfinishedCompactions();
        for (var id : segmentIds(directory)) {
            recovery.lastSegmentId = id;
            var segment = recovery.recoverSegment(directory.resolve(Segment.fileName(id)));
            if (segment != null) {
                recovery.segments.add(segment);
            }
        }

        recovery.raiseTo(mark);
        recovery.dropBelowPurgeFloor();

        return new Recovered(recovery.segments, recovery.lastSegmentId, recovery.purgeFloor);
    }

    /**
     * A compaction renames its new file over the segment only once the file is whole and forced, so a file still under
     * its temporary name may be partial and is never needed.
     */
    private void removeUnfinishedCompactions() throws IOException {
        List<Path> unfinished;
        try (var files = Files.list(directory)) {
            unfinished = files.filter(path -> COMPACTION_NAME
                            .matcher(path.getFileName().toString())
                            .matches())
                    .toList();
        }
        for (var path : unfinished) {
            LOG.warn(
                    "store={} file={} is a compaction a crash interrupted; removed, its segment is whole",
                    directory,
                    path.getFileName());
            Files.delete(path);
        }
    }

    /**
     * Nothing but damage from outside leaves the segments below the mark, which is recorded only once they were
     * forced: a newest segment cut short or destroyed takes its frames, and its header the purge floor. The
     * sequences it held stay used (counted as deleted inside the stream), and a purge stays in force.
     */
    private void raiseTo(HighWaterMark.Mark mark) {
        if (mark.lastSequence() > index.lastSequence()) {
            LOG.warn(
                    "store={} segments end at lastSeq={} below the high-water mark seq={}: messages were lost with a"
                            + " damaged segment; their sequences are kept as deleted and never reused",
                    directory,
                    index.lastSequence(),
                    mark.lastSequence());
            index.advanceTo(mark.lastSequence(), mark.lastTimestampNanos());
        }
        if (mark.purgeFloor() > purgeFloor) {
            LOG.warn(
                    "store={} purge floor={} of the high-water mark is above the segments' floor={}; purge kept",
                    directory,
                    mark.purgeFloor(),
                    purgeFloor);
            purgeFloor = mark.purgeFloor();
        }
    }

    /** The messages a purge of everything removed: their frames stay live until their segments go. */
    private void dropBelowPurgeFloor() {
        FileEntry.removeBelow(index, purgeFloor);
    }

    private static List<Long> segmentIds(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(path -> SEGMENT_NAME.matcher(path.getFileName().toString()))
                    .filter(matcher -> matcher.matches())
                    .map(matcher -> Long.parseLong(matcher.group(1)))
                    .sorted()
                    .toList();
        }
    }

    private Segment recoverSegment(Path path) throws IOException {
        var size = Files.size(path);
        if (size == 0) {
            LOG.warn("store={} segment={} is empty and was removed", directory, path.getFileName());
            Files.delete(path);
            return null;
        }
        var bytes = readAll(path, size);
        var base = SegmentFormat.baseSequence(bytes, crc);
        if (base < 0) {
            return recoverWithoutHeader(path, bytes);
        }
        index.advanceTo(base, SegmentFormat.baseTimestamp(bytes));
        purgeFloor = Math.max(purgeFloor, SegmentFormat.purgeFloor(bytes));
        var segment = Segment.recovered(path, size, SegmentFormat.isCompressed(bytes));

        return scanned(segment, bytes);
    }

    /**
     * A segment whose header fails its checks: its frames carry their own sequences and checksums, so they are read as
     * any segment's are, and the header is rewritten with what it must have said. Every frame is above the base
     * sequence, so the first good frame's sequence less one stands in for it; the purge floor is the highest of the
     * segments before (a later segment's header, or the high-water mark, carries any later one). A file with no good
     * frame holds nothing to recover and is renamed aside, as before.
     */
    private Segment recoverWithoutHeader(Path path, ByteBuffer bytes) throws IOException {
        var compressed = DamagedHeader.compressed(bytes, crc);
        if (resynchronize(compressed, bytes, HEADER_SIZE, bytes.limit()) < 0) {
            var aside = path.resolveSibling(path.getFileName() + ".corrupt-" + System.currentTimeMillis());
            LOG.warn(
                    "store={} segment={} has no valid header and no good frame; renamed to {}",
                    directory,
                    path.getFileName(),
                    aside.getFileName());
            Files.move(path, aside);
            return null;
        }
        var base = SegmentFormat.sequence(bytes, firstGoodHead(compressed, bytes)) - 1;
        var segment = Segment.recovered(path, bytes.limit(), compressed);
        segment.writeAt(SegmentFormat.header(base, index.lastTimestampNanos(), purgeFloor, compressed, crc), 0);
        LOG.warn(
                "store={} segment={} has a damaged header={}; read it frame by frame and rewrote the header with"
                        + " baseSeq={} purgeFloor={} compressed={}",
                directory,
                segment,
                DamagedHeader.hex(bytes),
                base,
                purgeFloor,
                compressed);

        return scanned(segment, bytes);
    }

    /** The segment with its frames added to the index and its bad tail, if any, cut off. */
    private Segment scanned(Segment segment, ByteBuffer bytes) throws IOException {
        var end = scanFrames(segment, bytes, bytes.limit());
        if (end < bytes.limit()) {
            segment.truncate(end);
        }

        return segment;
    }

    /** Adds the segment's frames to the index and returns where its good bytes end. */
    private int scanFrames(Segment segment, ByteBuffer bytes, int size) throws IOException {
        var offset = HEADER_SIZE;
        while (offset < size) {
            var length = checkHead(segment.isCompressed(), bytes, offset, size);
            if (length > 0) {
                accept(segment, bytes, offset, length);
                offset += length;
                continue;
            }
            var next = resynchronize(segment.isCompressed(), bytes, offset + 1, size);
            if (next < 0) {
                LOG.warn(
                        "store={} segment={} offset={} holds a torn or corrupt frame; cut back, dropping bytes={}",
                        directory,
                        segment,
                        offset,
                        size - offset);
                return offset;
            }
            LOG.warn(
                    "store={} segment={} offset={} holds a corrupt frame; skipped bytes={} to the next good frame",
                    directory,
                    segment,
                    offset,
                    next - offset);
            offset = next;
        }

        return size;
    }

    /** A frame with a good head and a sequence above every one seen so far; anything else is treated as corrupt. */
    private int checkHead(boolean compressed, ByteBuffer bytes, int offset, int size) {
        var length = SegmentFormat.checkHead(bytes, offset, size, compressed, crc);
        if (length < 0 || SegmentFormat.sequence(bytes, offset) <= index.lastSequence()) {
            return -1;
        }

        return length;
    }

    /** The first offset that holds a good frame head, whatever its content; there is one when a whole frame is. */
    private int firstGoodHead(boolean compressed, ByteBuffer bytes) {
        var offset = HEADER_SIZE;
        while (checkHead(compressed, bytes, offset, bytes.limit()) < 0) {
            offset++;
        }

        return offset;
    }

    /** The next offset that holds a whole good frame, or -1. */
    private int resynchronize(boolean compressed, ByteBuffer bytes, int from, int size) {
        for (var offset = from; offset + SegmentFormat.FRAME_OVERHEAD <= size; offset++) {
            var length = checkHead(compressed, bytes, offset, size);
            if (length > 0
                    && (SegmentFormat.state(bytes, offset) == SegmentFormat.DELETED
                            || SegmentFormat.checkContent(bytes, offset, length, crc))) {
                return offset;
            }
        }

        return -1;
    }

    /**
     * Adds a frame with a good head. Its sequence counts even when its content is bad (a torn erase or a damaged
     * message): that message is dropped, and its frame is marked deleted so that it stays so.
     */
    private void accept(Segment segment, ByteBuffer bytes, int offset, int length) throws IOException {
        var sequence = SegmentFormat.sequence(bytes, offset);
        var timestamp = SegmentFormat.timestamp(bytes, offset);
        if (SegmentFormat.state(bytes, offset) == SegmentFormat.DELETED) {
            index.advanceTo(sequence, timestamp);
            return;
        }
        if (!SegmentFormat.checkContent(bytes, offset, length, crc)) {
            LOG.warn(
                    "store={} segment={} offset={} seq={} holds a message whose content fails its checksum; dropped",
                    directory,
                    segment,
                    offset,
                    sequence);
            segment.writeAt(ByteBuffer.wrap(new byte[] {SegmentFormat.DELETED}), offset + SegmentFormat.STATE_OFFSET);
            index.advanceTo(sequence, timestamp);
            return;
        }
        var subject = index.canonical(SegmentFormat.subject(bytes, offset));
        var storedSize = SegmentFormat.storedSize(bytes, offset, segment.isCompressed());
        index.add(sequence, new FileEntry(subject, timestamp, length, segment, offset, storedSize));
        segment.addLive(sequence, length);
    }

    private static ByteBuffer readAll(Path path, long size) throws IOException {
        if (size > Integer.MAX_VALUE) {
            throw new StoreException("segment " + path + " of " + size + " bytes is too large to recover");
        }
        var buffer = ByteBuffer.allocate((int) size);
        try (var channel = FileChannel.open(path, StandardOpenOption.READ)) {
            var more = true;
            while (buffer.hasRemaining() && more) {
                more = channel.read(buffer) >= 0;
            }
        }

        return buffer.flip();
    }
}
