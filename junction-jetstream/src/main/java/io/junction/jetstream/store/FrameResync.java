package io.junction.jetstream.store;

import static io.junction.jetstream.store.SegmentFormat.FRAME_OVERHEAD;
import static io.junction.jetstream.store.SegmentFormat.SEQUENCE_OFFSET;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Where a segment's good frames go on after bytes that are not a good frame, without taking for a frame the bytes of
 * a message that happen to be shaped like one: a segment file or a store snapshot kept as a message carries frames
 * with good checksums inside its payload, and reading one of them as the stream's would serve a message nobody
 * published, or give its sequence to the stream.
 *
 * <h2>The damaged frame's own end</h2>
 * Bad bytes right after a good frame are the next frame, damaged. Its head checksum covers its length and sequence.
 * When the checksum still matches (the state byte, which it does not cover, is what is damaged), or matches once one
 * bit of the head is flipped back (CRC32C tells every single-bit error in a head apart), the frame's own length says
 * where the next one starts, and nothing inside the damaged frame is ever read as a frame: {@link #trustedHead}.
 *
 * <h2>Searching</h2>
 * Otherwise ({@link #resume}) a later offset is a candidate when it holds a whole good frame whose sequence is above
 * the damaged frame's, so at least two above the last good one since the damaged frame used one, and at most
 * {@code candidateBound}: the next segment's base sequence, or for the newest segment the high-water mark. Its end by
 * its unchecked length is tried first, then every later offset in turn. A candidate is taken when the frames after it
 * link up, each starting where the one before ends with a higher sequence, for {@value #CHAIN_FRAMES} frames or to the
 * segment's end; failing that, the candidate with the longest chain, the earliest among equals. A frame-shaped blob
 * inside a payload is followed by the rest of that payload or by the stream's next frame with a lower sequence, so
 * its chain breaks at once.
 *
 * <p>Not thread-safe: one recovery uses it for one segment.
 */
final class FrameResync {
    /** Enough linked frames that a run of them is the stream's own rather than frame-shaped bytes in a payload. */
    static final int CHAIN_FRAMES = 4;

    /** A frame head whose checksum matches, perhaps once one bit was flipped back. */
    record Head(int length, long sequence, long timestampNanos, boolean corrected) {}

    private final ByteBuffer bytes;
    private final int size;
    private final boolean compressed;
    private final CRC32C crc;
    private final long segmentBound;
    private final long candidateBound;

    /**
     * @param segmentBound the highest sequence a frame of the segment may hold, {@link Long#MAX_VALUE} for no bound
     * @param candidateBound the highest sequence a frame found by searching may hold
     */
    FrameResync(ByteBuffer bytes, boolean compressed, CRC32C crc, long segmentBound, long candidateBound) {
        this.bytes = bytes;
        this.size = bytes.limit();
        this.compressed = compressed;
        this.crc = crc;
        this.segmentBound = segmentBound;
        this.candidateBound = Math.min(segmentBound, candidateBound);
    }

    long segmentBound() {
        return segmentBound;
    }

    /**
     * The head of the frame at the offset as its writer wrote it, whatever its state byte holds, or null when its
     * checksum matches neither as it is nor with any one bit of it flipped, or its length does not fit the segment (a
     * torn write).
     */
    Head trustedHead(int offset) {
        if (size - offset < FRAME_OVERHEAD) {
            return null;
        }
        var head = new byte[FRAME_OVERHEAD];
        bytes.get(offset, head);
        var buffer = ByteBuffer.wrap(head);
        var limit = size - offset;
        if (SegmentFormat.checkHeadFields(buffer, 0, limit, compressed, crc) > 0) {
            return head(buffer, false);
        }
        Head corrected = null;
        for (var at = 0; at < FRAME_OVERHEAD; at++) {
            if (at == SegmentFormat.STATE_OFFSET) {
                continue;
            }
            for (var bit = 0; bit < Byte.SIZE; bit++) {
                head[at] ^= (byte) (1 << bit);
                if (SegmentFormat.checkHeadFields(buffer, 0, limit, compressed, crc) > 0) {
                    if (corrected != null) {
                        return null;
                    }
                    corrected = head(ByteBuffer.wrap(head.clone()), true);
                }
                head[at] ^= (byte) (1 << bit);
            }
        }

        return corrected;
    }

    /**
     * The offset at which good frames go on after the bad bytes at {@code offset}, which are a frame whose head is not
     * to be trusted, or -1 when none is found or the damaged frame's unchecked length runs to the segment's end (a
     * torn write): the segment's good frames end at {@code offset}.
     *
     * @param lastSequence the highest sequence of a good frame before the offset, or the segment's base
     */
    int resume(int offset, long lastSequence) {
        var floor = lastSequence + 1;
        if (size - offset >= Integer.BYTES) {
            var declared = bytes.getInt(offset + SegmentFormat.LENGTH_OFFSET);
            if (declared >= FRAME_OVERHEAD && declared <= size - offset) {
                var end = offset + declared;
                if (end == size) {
                    return -1;
                }
                if (isCandidate(end, floor) && chain(end, floor) == CHAIN_FRAMES) {
                    return end;
                }
            }
        }
        var best = -1;
        var bestChain = 0;
        for (var candidate = offset + 1; candidate + FRAME_OVERHEAD <= size; candidate++) {
            if (!isCandidate(candidate, floor)) {
                continue;
            }
            var chain = chain(candidate, floor);
            if (chain == CHAIN_FRAMES) {
                return candidate;
            }
            if (chain > bestChain) {
                best = candidate;
                bestChain = chain;
            }
        }

        return best;
    }

    /** A whole good frame above {@code floor}, the damaged frame's least sequence, within the bound. */
    private boolean isCandidate(int offset, long floor) {
        var length = SegmentFormat.checkHead(bytes, offset, size, compressed, crc);
        if (length < 0) {
            return false;
        }
        var sequence = SegmentFormat.sequence(bytes, offset);
        if (sequence <= floor || sequence > candidateBound) {
            return false;
        }

        return SegmentFormat.state(bytes, offset) == SegmentFormat.DELETED
                || SegmentFormat.checkContent(bytes, offset, length, crc);
    }

    /**
     * How many frames link up from the offset, each with a good head and a sequence above the one before, up to
     * {@value #CHAIN_FRAMES}; reaching the segment's end counts as {@value #CHAIN_FRAMES}.
     */
    private int chain(int offset, long previous) {
        var count = 0;
        while (count < CHAIN_FRAMES) {
            if (offset == size) {
                return CHAIN_FRAMES;
            }
            var length = SegmentFormat.checkHead(bytes, offset, size, compressed, crc);
            if (length < 0) {
                return count;
            }
            var sequence = SegmentFormat.sequence(bytes, offset);
            if (sequence <= previous || sequence > segmentBound) {
                return count;
            }
            previous = sequence;
            offset += length;
            count++;
        }

        return count;
    }

    private static Head head(ByteBuffer head, boolean corrected) {
        return new Head(
                head.getInt(SegmentFormat.LENGTH_OFFSET),
                head.getLong(SEQUENCE_OFFSET),
                head.getLong(SegmentFormat.TIMESTAMP_OFFSET),
                corrected);
    }
}
