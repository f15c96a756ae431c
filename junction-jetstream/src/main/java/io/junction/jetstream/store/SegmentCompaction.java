package io.junction.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a sealed segment with only the frames of its live messages, so that a segment of mostly deleted messages
 * gives its space back while a few of its messages live on.
 *
 * <h2>Which segments</h2>
 * A segment other than the newest whose live frames fill less than half of its frame bytes, with at least a quarter
 * of a segment's size deleted (nats-server compacts a block under half live past a minimum size too). The newest
 * segment is never compacted: it takes appends, and its header carries the last sequence.
 *
 * <h2>Crash safety</h2>
 * The new file is written beside the segment under the segment's name plus {@value #SUFFIX}: the segment's header as
 * it was (base sequence, timestamp and purge floor, version and flags), then the live frames byte for byte, in order.
 * It is forced, renamed over the segment (an atomic replace), and the directory is forced. Until the rename the
 * segment is untouched and recovery removes the new file; after it the new file is the segment. Either file is a
 * complete segment, so a crash at any point loses no live message and duplicates none. The sequences of the frames
 * that vanish stay deleted: they lie below the base sequence of the newer segment, which every recovery reads, so they
 * are never reused, and the index counts interior gaps as deleted however they came about.
 */
final class SegmentCompaction {
    static final String SUFFIX = ".compact";

    private SegmentCompaction() {}

    /** The live messages of one segment, ascending, and where each frame starts in the new file. */
    record Plan(Segment segment, List<Long> sequences, List<FileEntry> entries, long[] newOffsets, Path file) {}

    /** Whether the segment holds enough deleted bytes to be worth a rewrite. */
    static boolean isWorthIt(Segment segment, int segmentBytes) {
        var frameBytes = segment.size() - SegmentFormat.HEADER_SIZE;
        var deleted = frameBytes - segment.liveBytes();

        return segment.live() > 0 && segment.liveBytes() * 2 < frameBytes && deleted >= segmentBytes / 4;
    }

    /** The plan for the first segment but the newest that is worth compacting, or null. */
    static Plan choose(List<Segment> segments, MessageIndex<FileEntry> index, int segmentBytes) {
        for (var segment : segments.subList(0, segments.size() - 1)) {
            if (isWorthIt(segment, segmentBytes)) {
                return plan(segment, index);
            }
        }

        return null;
    }

    /** The live messages of the segment, found in the index between its first and last live sequences. */
    static Plan plan(Segment segment, MessageIndex<FileEntry> index) {
        var sequences = new ArrayList<Long>(segment.live());
        var entries = new ArrayList<FileEntry>(segment.live());
        for (var sequence = Math.max(segment.firstLive(), index.firstSequence());
                sequence <= segment.lastLive();
                sequence++) {
            var entry = index.get(sequence);
            if (entry != null && entry.segment() == segment) {
                sequences.add(sequence);
                entries.add(entry);
            }
        }
        if (entries.size() != segment.live()) {
            throw new IllegalStateException("segment " + segment + " counts " + segment.live() + " live messages"
                    + " but the index holds " + entries.size());
        }
        var file = segment.path().resolveSibling(segment.path().getFileName() + SUFFIX);

        return new Plan(segment, sequences, entries, new long[entries.size()], file);
    }

    /**
     * Writes and forces the new file; the segment is only read. Returns the new file's size. A file left by an
     * earlier attempt is replaced.
     */
    static long write(Plan plan) throws IOException {
        var segment = plan.segment();
        Files.deleteIfExists(plan.file());
        try (var out = FileChannel.open(
                plan.file(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            var position = writeFully(out, segment.read(0, SegmentFormat.HEADER_SIZE), 0);
            for (var i = 0; i < plan.entries().size(); i++) {
                var entry = plan.entries().get(i);
                plan.newOffsets()[i] = position;
                position = writeFully(out, segment.read(entry.offset(), entry.frameLength()), position);
            }
            out.force(false);

            return position;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(plan.file());
            throw e;
        }
    }

    /** Renames the new file over the segment; the caller forces the directory afterwards. */
    static void replace(Plan plan) throws IOException {
        Files.move(plan.file(), plan.segment().path(), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Once the new file is the segment: closes the old segment's channels and returns the compacted segment, with the
     * index's entries moved to their frames' new offsets.
     */
    static Segment install(Plan plan, long newSize, MessageIndex<FileEntry> index) throws IOException {
        var old = plan.segment();
        old.close();
        var compacted = Segment.recovered(old.path(), newSize, old.isCompressed());
        for (var i = 0; i < plan.entries().size(); i++) {
            var entry = plan.entries().get(i);
            var sequence = plan.sequences().get(i);
            index.relocate(sequence, entry.movedTo(compacted, plan.newOffsets()[i]));
            compacted.addLive(sequence, entry.frameLength());
        }

        return compacted;
    }

    private static long writeFully(FileChannel out, ByteBuffer bytes, long position) throws IOException {
        var at = position;
        while (bytes.hasRemaining()) {
            at += out.write(bytes, at);
        }

        return at;
    }
}
