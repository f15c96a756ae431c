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
        var ids = segmentIds(directory);
        for (var at = 0; at < ids.size(); at++) {
            recovery.lastSegmentId = ids.get(at);
            var newest = at == ids.size() - 1;
            var segmentBound = newest ? Long.MAX_VALUE : recovery.baseOf(ids.get(at + 1));
            var candidateBound = newest && mark.lastSequence() > 0 ? mark.lastSequence() : Long.MAX_VALUE;
            var segment = recovery.recoverSegment(
                    directory.resolve(Segment.fileName(ids.get(at))), segmentBound, candidateBound);
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

    /**
     * The base sequence in the header of the segment, the highest any frame of the segments before it may hold, or
     * {@link Long#MAX_VALUE} when the header is not a good one.
     */
    private long baseOf(long id) throws IOException {
        var header = ByteBuffer.allocate(HEADER_SIZE);
        try (var channel = FileChannel.open(directory.resolve(Segment.fileName(id)), StandardOpenOption.READ)) {
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // reads the header whole, or as much of it as the file holds
            }
        }
        var base = SegmentFormat.baseSequence(header.flip(), crc);

        return base < 0 ? Long.MAX_VALUE : base;
    }

    /**
     * A resynchronisation for the segment's frames, with bounds that the segments after it give; a bound below the
     * segment's own base is no bound, since then the headers disagree and neither can be trusted over the other.
     */
    private FrameResync resync(
            ByteBuffer bytes, boolean compressed, long base, long segmentBound, long candidateBound) {
        return new FrameResync(
                bytes,
                compressed,
                crc,
                segmentBound >= base ? segmentBound : Long.MAX_VALUE,
                candidateBound >= base ? candidateBound : Long.MAX_VALUE);
    }

    private Segment recoverSegment(Path path, long segmentBound, long candidateBound) throws IOException {
        var size = Files.size(path);
        if (size == 0) {
            LOG.warn("store={} segment={} is empty and was removed", directory, path.getFileName());
            Files.delete(path);
            return null;
        }
        var bytes = readAll(path, size);
        var base = SegmentFormat.baseSequence(bytes, crc);
        if (base < 0) {
            var compressed = DamagedHeader.compressed(bytes, crc);
            var resync = resync(bytes, compressed, index.lastSequence(), segmentBound, candidateBound);
            return recoverWithoutHeader(path, bytes, compressed, resync);
        }
        index.advanceTo(base, SegmentFormat.baseTimestamp(bytes));
        purgeFloor = Math.max(purgeFloor, SegmentFormat.purgeFloor(bytes));
        var compressed = SegmentFormat.isCompressed(bytes);
        var segment = Segment.recovered(path, size, compressed);

        return scanned(segment, bytes, resync(bytes, compressed, base, segmentBound, candidateBound));
    }

    /**
     * A segment whose header fails its checks: its frames carry their own sequences and checksums, so they are read as
     * any segment's are, and the header is rewritten with what it must have said. Every frame is above the base
     * sequence, so the first good frame's sequence less one stands in for it; the purge floor is the highest of the
     * segments before (a later segment's header, or the high-water mark, carries any later one). A file with no good
     * frame holds nothing to recover and is renamed aside, as before.
     */
    private Segment recoverWithoutHeader(Path path, ByteBuffer bytes, boolean compressed, FrameResync resync)
            throws IOException {
        var first = firstFrame(compressed, bytes, resync);
        if (first < 0) {
            var aside = path.resolveSibling(path.getFileName() + ".corrupt-" + System.currentTimeMillis());
            LOG.warn(
                    "store={} segment={} has no valid header and no good frame; renamed to {}",
                    directory,
                    path.getFileName(),
                    aside.getFileName());
            Files.move(path, aside);
            return null;
        }
        var base = SegmentFormat.sequence(bytes, first) - 1;
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

        return scanned(segment, bytes, resync);
    }

    /** The segment with its frames added to the index and its bad tail, if any, cut off. */
    private Segment scanned(Segment segment, ByteBuffer bytes, FrameResync resync) throws IOException {
        var end = scanFrames(segment, bytes, resync);
        if (end < bytes.limit()) {
            segment.truncate(end);
        }

        return segment;
    }

    /**
     * Adds the segment's frames to the index and returns where its good bytes end. A frame whose head can be trusted
     * (see {@link FrameResync#trustedHead}) is stepped over by its own length however it is damaged; else the frames
     * go on where {@link FrameResync#resume} finds them, or end at the damage.
     */
    private int scanFrames(Segment segment, ByteBuffer bytes, FrameResync resync) throws IOException {
        var size = bytes.limit();
        var offset = HEADER_SIZE;
        while (offset < size) {
            var length = goodFrame(segment.isCompressed(), bytes, offset, resync);
            if (length > 0) {
                accept(segment, bytes, offset, length);
                offset += length;
                continue;
            }
            var head = resync.trustedHead(offset);
            if (head != null && (!head.corrected() || offset + head.length() < size)) {
                drop(segment, bytes, offset, head, resync);
                offset += head.length();
                continue;
            }
            var next = head == null ? resync.resume(offset, index.lastSequence()) : -1;
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

    /**
     * Drops the frame at the offset, whose head is trusted but which is not a good frame in order. A head whose
     * checksum matched as it is, with a sequence in order, has only its state byte damaged: its sequence counts and it
     * is marked deleted, as a frame whose content is damaged. Any other (a head one bit from its checksum, or a
     * sequence out of order with the frames around it) is stepped over and its sequence not used.
     */
    private void drop(Segment segment, ByteBuffer bytes, int offset, FrameResync.Head head, FrameResync resync)
            throws IOException {
        var inOrder = sequenceFits(segment.isCompressed(), bytes, offset + head.length(), head.sequence(), resync);
        if (!head.corrected() && inOrder) {
            LOG.warn(
                    "store={} segment={} offset={} seq={} holds a frame whose state byte is damaged; message dropped,"
                            + " sequence kept",
                    directory,
                    segment,
                    offset,
                    head.sequence());
            segment.writeAt(ByteBuffer.wrap(new byte[] {SegmentFormat.DELETED}), offset + SegmentFormat.STATE_OFFSET);
            index.advanceTo(head.sequence(), head.timestampNanos());
            return;
        }
        if (head.corrected()) {
            LOG.warn(
                    "store={} segment={} offset={} seq={} holds a frame whose head is damaged; dropped it, bytes={},"
                            + " and read on after its end",
                    directory,
                    segment,
                    offset,
                    head.sequence(),
                    head.length());
            return;
        }
        LOG.warn(
                "store={} segment={} offset={} seq={} holds a frame out of sequence order (lastSeq={} bound={});"
                        + " dropped it, bytes={}, and read on after its end",
                directory,
                segment,
                offset,
                head.sequence(),
                index.lastSequence(),
                resync.segmentBound() == Long.MAX_VALUE ? "none" : resync.segmentBound(),
                head.length());
    }

    /**
     * The length of the good frame at the offset whose sequence fits between the frames around it, else -1: anything
     * else is damaged or out of order.
     */
    private int goodFrame(boolean compressed, ByteBuffer bytes, int offset, FrameResync resync) {
        var length = SegmentFormat.checkHead(bytes, offset, bytes.limit(), compressed, crc);
        if (length < 0
                || !sequenceFits(compressed, bytes, offset + length, SegmentFormat.sequence(bytes, offset), resync)) {
            return -1;
        }

        return length;
    }

    /**
     * Whether a frame's sequence, followed by the frame at {@code next}, fits: above the last sequence, within the
     * segment's bound, and below the next frame's when that one's head is trusted and above the last sequence. One
     * frame whose sequence is too high is the one dropped, rather than every frame after it for being too low.
     */
    private boolean sequenceFits(boolean compressed, ByteBuffer bytes, int next, long sequence, FrameResync resync) {
        if (sequence <= index.lastSequence() || sequence > resync.segmentBound()) {
            return false;
        }
        if (SegmentFormat.checkHeadFields(bytes, next, bytes.limit(), compressed, crc) < 0) {
            return true;
        }
        var following = SegmentFormat.sequence(bytes, next);

        return following <= index.lastSequence() || following > sequence;
    }

    /**
     * The offset of the first frame whose sequence can be trusted, as {@link #scanFrames} reads them, or -1 when there
     * is none.
     */
    private int firstFrame(boolean compressed, ByteBuffer bytes, FrameResync resync) {
        var offset = HEADER_SIZE;
        while (offset >= 0 && offset < bytes.limit()) {
            if (goodFrame(compressed, bytes, offset, resync) > 0) {
                return offset;
            }
            var head = resync.trustedHead(offset);
            if (head == null || (head.corrected() && offset + head.length() == bytes.limit())) {
                offset = head == null ? resync.resume(offset, index.lastSequence()) : -1;
            } else if (!head.corrected()
                    && sequenceFits(compressed, bytes, offset + head.length(), head.sequence(), resync)) {
                return offset;
            } else {
                offset += head.length();
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
