package io.junction.jetstream.store;

import static io.junction.jetstream.store.SegmentFormat.CONTENT_CRC_OFFSET;
import static io.junction.jetstream.store.SegmentFormat.DELETED;
import static io.junction.jetstream.store.SegmentFormat.FRAME_OVERHEAD;
import static io.junction.jetstream.store.SegmentFormat.HEAD_CRC_OFFSET;
import static io.junction.jetstream.store.SegmentFormat.LIVE;
import static io.junction.jetstream.store.SegmentFormat.MAX_SUBJECT_LENGTH;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Encodes frames and headers into one reused direct buffer, so that an append allocates nothing here once the
 * buffer has grown to the largest message. Used by the store's writer only.
 */
final class FrameEncoder {
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY);

    /**
     * The frame of a live message, ready to write; with {@code compressed}, its headers and payload are one Snappy
     * block and the headers length is theirs before compression.
     */
    ByteBuffer frame(
            long sequence, long timestampNanos, String subject, byte[] headers, byte[] payload, boolean compressed) {
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("subject of " + subject.length() + " characters is too long to store");
        }
        var block = compressed ? FrameCompression.compress(headers, payload) : null;
        var length = compressed
                ? SegmentFormat.frameLength(subject, block.length)
                : SegmentFormat.frameLength(subject, headers, payload);
        var frame = start(length);
        frame.putInt(length).putInt(0).putInt(0).put(LIVE).putLong(sequence).putLong(timestampNanos);
        frame.putShort((short) subject.length()).putInt(headers == null ? -1 : headers.length);
        for (var i = 0; i < subject.length(); i++) {
            var c = subject.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("subject is not Latin-1: " + subject);
            }
            frame.put((byte) c);
        }
        if (compressed) {
            frame.put(block);
        } else {
            if (headers != null) {
                frame.put(headers);
            }
            frame.put(payload);
        }

        return finish(frame, length);
    }

    /**
     * The bytes that erase the frame {@code frame} in place, from its state byte on: a deleted state, the same
     * sequence, timestamp and field lengths (so that its head stays good even if the write tears), and zeros for the
     * subject, headers and payload. The content checksum is left stale: a deleted frame's content is never read.
     */
    ByteBuffer erasure(ByteBuffer frame) {
        var length = frame.limit();
        var erasure = start(length - SegmentFormat.STATE_OFFSET);
        erasure.put(DELETED)
                .put(frame.slice(SegmentFormat.SEQUENCE_OFFSET, FRAME_OVERHEAD - SegmentFormat.SEQUENCE_OFFSET));
        while (erasure.position() < erasure.limit()) {
            erasure.put((byte) 0);
        }

        return erasure.flip();
    }

    /** A segment header, in a buffer of its own so that it may be written between encoding and writing a frame. */
    ByteBuffer header(long baseSequence, long baseTimestampNanos, long purgeFloor, boolean compressed) {
        return SegmentFormat.header(baseSequence, baseTimestampNanos, purgeFloor, compressed, crc);
    }

    private ByteBuffer start(int length) {
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(Math.max(length, buffer.capacity() * 2));
        }

        return buffer.clear().limit(length);
    }

    private ByteBuffer finish(ByteBuffer frame, int length) {
        frame.flip();
        frame.putInt(HEAD_CRC_OFFSET, SegmentFormat.headChecksum(frame, 0, crc));
        frame.putInt(CONTENT_CRC_OFFSET, SegmentFormat.contentChecksum(frame, 0, length, crc));

        return frame;
    }
}
