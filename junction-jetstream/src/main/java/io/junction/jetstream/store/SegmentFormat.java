package io.junction.jetstream.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The byte layout of segment files and the checks that decide whether bytes are a good frame.
 *
 * <h2>Layout</h2>
 * A segment opens with a 36-byte header: magic {@code JNSG}, version (2), flags (2), the base sequence (the stream's
 * last sequence when the segment was created; every frame in it is above it) and that message's timestamp, the purge
 * floor (every sequence below it was purged), then a CRC32C of those 32 bytes. A segment without compression is
 * written as version 1, whose flags were reserved and are ignored, so the previous release reads it; version 2 has
 * one flag, compressed. Frames follow back to back:
 * length of the whole frame (4), head CRC32C (4), content CRC32C (4), state (1: {@code 0x4C} live, {@code 0xB3}
 * deleted), sequence (8), timestamp in nanoseconds (8), subject length (2), headers length (4, -1 for none), then the
 * content: the subject in Latin-1, the headers and the payload. The head CRC covers the length and the fixed fields
 * after the state byte, the content CRC the content. The state byte, the one byte rewritten in place, is in neither;
 * its two values are bitwise complements, so damage short of all eight bits shows as an unknown state. Integers are
 * big-endian.
 *
 * <h2>Compression</h2>
 * In a compressed segment a frame's content is the plain subject, then its headers and payload as one Snappy block
 * ({@link FrameCompression}); the headers length is theirs before compression, and the content CRC covers the bytes
 * as stored, so a damaged block is caught by the checksum like any other damage, before anything decompresses.
 */
final class SegmentFormat {
    static final int MAGIC = 0x4A4E5347;
    /** Version 1 headers have two reserved bytes; the store still writes it for segments without compression. */
    static final short VERSION = 1;
    /** Version 2 headers carry flags where version 1 had reserved bytes, so that a release without them refuses. */
    static final short VERSION_FLAGS = 2;
    /** Flag: every frame's headers and payload are one Snappy block (the store's {@code compression: s2}). */
    static final short COMPRESSED = 1;

    static final int HEADER_SIZE = 36;
    static final int HEADER_CHECKED = 32;

    static final int LENGTH_OFFSET = 0;
    static final int HEAD_CRC_OFFSET = 4;
    static final int CONTENT_CRC_OFFSET = 8;
    static final int STATE_OFFSET = 12;
    static final int SEQUENCE_OFFSET = 13;
    static final int TIMESTAMP_OFFSET = 21;
    static final int SUBJECT_LENGTH_OFFSET = 29;
    static final int HEADERS_LENGTH_OFFSET = 31;
    static final int FRAME_OVERHEAD = 35;
    /** Live and deleted are bitwise complements: no damage short of all eight bits turns one into the other. */
    static final byte LIVE = 0x4C;

    static final byte DELETED = ~LIVE;
    static final int MAX_SUBJECT_LENGTH = 0xFFFF;

    private SegmentFormat() {}

    static int frameLength(String subject, byte[] headers, byte[] payload) {
        return frameLength(subject, (long) (headers == null ? 0 : headers.length) + payload.length);
    }

    /** The length of a frame for the subject and {@code stored} bytes of headers and payload as they are written. */
    static int frameLength(String subject, long stored) {
        var length = FRAME_OVERHEAD + subject.length() + stored;
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("message of " + length + " bytes is too large to store");
        }

        return (int) length;
    }

    /**
     * The size nats-server's file store counts for the message in the good frame at the offset (see
     * {@link StoreLimits#fileMessageSize}): its record has 30 bytes of overhead, 34 with headers, where our frame has
     * {@link #FRAME_OVERHEAD}. A compressed frame counts its uncompressed bytes, as nats-server's accounting does.
     */
    static long storedSize(ByteBuffer buffer, int offset, boolean compressed) {
        var length = buffer.getInt(offset + LENGTH_OFFSET);
        var hasHeaders = buffer.getInt(offset + HEADERS_LENGTH_OFFSET) > 0;
        var overhead = hasHeaders ? 34 : 30;
        if (!compressed) {
            return length - FRAME_OVERHEAD + overhead;
        }
        var subjectLength = Short.toUnsignedInt(buffer.getShort(offset + SUBJECT_LENGTH_OFFSET));

        return subjectLength
                + FrameCompression.uncompressedLength(buffer, offset + FRAME_OVERHEAD + subjectLength)
                + overhead;
    }

    /** The segment header's base sequence, or -1 when the bytes are not a good header. */
    static long baseSequence(ByteBuffer buffer, CRC32C crc) {
        if (buffer.limit() < HEADER_SIZE || buffer.getInt(0) != MAGIC) {
            return -1;
        }
        var version = buffer.getShort(4);
        var knownFlags = version == VERSION || (version == VERSION_FLAGS && (buffer.getShort(6) & ~COMPRESSED) == 0);
        if (!knownFlags) {
            return -1;
        }
        crc.reset();
        crc.update(buffer.slice(0, HEADER_CHECKED));

        return (int) crc.getValue() == buffer.getInt(HEADER_CHECKED) ? buffer.getLong(8) : -1;
    }

    /**
     * A segment header. A segment without compression gets a version 1 header, which the previous release reads too.
     */
    static ByteBuffer header(
            long baseSequence, long baseTimestampNanos, long purgeFloor, boolean compressed, CRC32C crc) {
        var header = ByteBuffer.allocate(HEADER_SIZE);
        header.putInt(MAGIC);
        if (compressed) {
            header.putShort(VERSION_FLAGS).putShort(COMPRESSED);
        } else {
            header.putShort(VERSION).putShort((short) 0);
        }
        header.putLong(baseSequence).putLong(baseTimestampNanos).putLong(purgeFloor);
        crc.reset();
        crc.update(header.flip());
        header.limit(HEADER_SIZE).position(HEADER_CHECKED);
        header.putInt((int) crc.getValue());

        return header.flip();
    }

    /**
     * What the version and flags of a header that failed its checks say of compression, or null when they are not
     * what a writer puts there: damage elsewhere in the header leaves them readable.
     */
    static Boolean compressionOfDamagedHeader(ByteBuffer buffer) {
        if (buffer.limit() < 8) {
            return null;
        }
        var versionAndFlags = buffer.getInt(4);
        if (versionAndFlags == VERSION << 16) {
            return false;
        }
        return versionAndFlags == (VERSION_FLAGS << 16 | COMPRESSED) ? Boolean.TRUE : null;
    }

    /** Whether a good header says its frames are compressed; version 1 headers never do. */
    static boolean isCompressed(ByteBuffer buffer) {
        return buffer.getShort(4) == VERSION_FLAGS && (buffer.getShort(6) & COMPRESSED) != 0;
    }

    static long baseTimestamp(ByteBuffer buffer) {
        return buffer.getLong(16);
    }

    static long purgeFloor(ByteBuffer buffer) {
        return buffer.getLong(24);
    }

    /**
     * The length of the frame whose head is good at {@code offset}, or -1 when the bytes there are not a frame's head:
     * a length that does not fit before {@code limit}, field lengths that do not fit the frame, an unknown state or a
     * head checksum mismatch. A good head makes the length and the sequence trustworthy, whatever the content. In a
     * compressed segment the headers length is that before compression, so only the subject must fit.
     */
    static int checkHead(ByteBuffer buffer, int offset, int limit, boolean compressed, CRC32C crc) {
        if (limit - offset < FRAME_OVERHEAD) {
            return -1;
        }
        var state = buffer.get(offset + STATE_OFFSET);

        return state == LIVE || state == DELETED ? checkHeadFields(buffer, offset, limit, compressed, crc) : -1;
    }

    /**
     * As {@link #checkHead}, but whatever the state byte holds: the head checksum does not cover it, so a head that
     * passes this has a trustworthy length and sequence even when its state byte is damaged.
     */
    static int checkHeadFields(ByteBuffer buffer, int offset, int limit, boolean compressed, CRC32C crc) {
        if (limit - offset < FRAME_OVERHEAD) {
            return -1;
        }
        var length = buffer.getInt(offset + LENGTH_OFFSET);
        if (length < FRAME_OVERHEAD || length > limit - offset) {
            return -1;
        }
        var subjectLength = Short.toUnsignedInt(buffer.getShort(offset + SUBJECT_LENGTH_OFFSET));
        var headersLength = buffer.getInt(offset + HEADERS_LENGTH_OFFSET);
        var contentLength = (long) subjectLength + (compressed ? 0 : Math.max(headersLength, 0));
        if (headersLength < -1 || contentLength > length - FRAME_OVERHEAD) {
            return -1;
        }

        return headChecksum(buffer, offset, crc) == buffer.getInt(offset + HEAD_CRC_OFFSET) ? length : -1;
    }

    /** Whether the subject, headers and payload of a frame with a good head match their checksum. */
    static boolean checkContent(ByteBuffer buffer, int offset, int length, CRC32C crc) {
        return contentChecksum(buffer, offset, length, crc) == buffer.getInt(offset + CONTENT_CRC_OFFSET);
    }

    /** CRC32C of the length and the fixed fields after the state byte: what an erase never changes. */
    static int headChecksum(ByteBuffer buffer, int offset, CRC32C crc) {
        crc.reset();
        update(crc, buffer, offset, HEAD_CRC_OFFSET);
        update(crc, buffer, offset + SEQUENCE_OFFSET, FRAME_OVERHEAD - SEQUENCE_OFFSET);

        return (int) crc.getValue();
    }

    /** CRC32C of the subject, headers and payload. */
    static int contentChecksum(ByteBuffer buffer, int offset, int length, CRC32C crc) {
        crc.reset();
        update(crc, buffer, offset + FRAME_OVERHEAD, length - FRAME_OVERHEAD);

        return (int) crc.getValue();
    }

    private static void update(CRC32C crc, ByteBuffer buffer, int from, int length) {
        var position = buffer.position();
        var limit = buffer.limit();
        buffer.limit(from + length).position(from);
        crc.update(buffer);
        buffer.limit(limit).position(position);
    }

    static byte state(ByteBuffer buffer, int offset) {
        return buffer.get(offset + STATE_OFFSET);
    }

    static long sequence(ByteBuffer buffer, int offset) {
        return buffer.getLong(offset + SEQUENCE_OFFSET);
    }

    static long timestamp(ByteBuffer buffer, int offset) {
        return buffer.getLong(offset + TIMESTAMP_OFFSET);
    }

    /** The subject of a frame in a heap buffer. */
    static String subject(ByteBuffer buffer, int offset) {
        var length = Short.toUnsignedInt(buffer.getShort(offset + SUBJECT_LENGTH_OFFSET));

        return new String(
                buffer.array(), buffer.arrayOffset() + offset + FRAME_OVERHEAD, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * The message in a good frame held in a heap buffer.
     *
     * @throws StoreException when a compressed frame does not decompress to its recorded headers length
     */
    static StoredMessage decode(ByteBuffer buffer, int offset, boolean compressed) {
        var length = buffer.getInt(offset + LENGTH_OFFSET);
        var subjectLength = Short.toUnsignedInt(buffer.getShort(offset + SUBJECT_LENGTH_OFFSET));
        var headersLength = buffer.getInt(offset + HEADERS_LENGTH_OFFSET);
        var bytes = buffer.array();
        var contentStart = buffer.arrayOffset() + offset + FRAME_OVERHEAD + subjectLength;
        var contentEnd = buffer.arrayOffset() + offset + length;
        if (compressed) {
            bytes = FrameCompression.decompress(bytes, contentStart, contentEnd - contentStart);
            contentStart = 0;
            contentEnd = bytes.length;
        }
        if (headersLength > contentEnd - contentStart) {
            throw new StoreException("frame of sequence " + sequence(buffer, offset) + " holds fewer bytes than its "
                    + headersLength + " bytes of headers");
        }
        var headers = headersLength < 0 ? null : copy(bytes, contentStart, headersLength);
        var payloadStart = contentStart + Math.max(headersLength, 0);
        var payload = copy(bytes, payloadStart, contentEnd - payloadStart);

        return new StoredMessage(
                sequence(buffer, offset), subject(buffer, offset), headers, payload, timestamp(buffer, offset));
    }

    private static byte[] copy(byte[] source, int from, int length) {
        var copy = new byte[length];
        System.arraycopy(source, from, copy, 0, length);

        return copy;
    }
}
