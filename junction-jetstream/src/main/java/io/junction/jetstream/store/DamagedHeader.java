package io.junction.jetstream.store;

import static io.junction.jetstream.store.SegmentFormat.FRAME_OVERHEAD;
import static io.junction.jetstream.store.SegmentFormat.HEADER_SIZE;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * What recovery can tell of a segment whose header fails its checks, so that it reads the frames behind it rather
 * than losing them with the header. The base sequence and purge floor come from the frames and the other segments
 * (see {@link SegmentRecovery}); whether the frames are compressed comes from the frames themselves, since a frame's
 * checksums cover its bytes as stored whatever they hold.
 */
final class DamagedHeader {
    /** Enough frames to tell compressed ones from plain ones, while reading little of a large segment. */
    private static final int FRAMES_SAMPLED = 16;
    /** A Snappy copy of three bytes gives at most 64. */
    private static final int MAX_EXPANSION = 22;

    private DamagedHeader() {}

    /**
     * Whether the segment's frames are compressed. A compressed frame's headers and payload are a Snappy block that
     * decompresses to at least its recorded headers length; a plain frame's bytes almost never are, and a plain frame
     * must hold its headers length. The good live frames among the first ones decide; without any, the version and
     * flags of the damaged header, when they still read as a writer writes them; without those, plain.
     */
    static boolean compressed(ByteBuffer bytes, CRC32C crc) {
        var plain = 0;
        var compressed = 0;
        var offset = HEADER_SIZE;
        while (offset < bytes.limit() && plain + compressed < FRAMES_SAMPLED) {
            // the compressed reading of a head is the looser one: only the subject must fit
            var length = SegmentFormat.checkHead(bytes, offset, bytes.limit(), true, crc);
            if (length < 0) {
                offset++;
                continue;
            }
            if (SegmentFormat.state(bytes, offset) == SegmentFormat.LIVE
                    && SegmentFormat.checkContent(bytes, offset, length, crc)) {
                if (decompresses(bytes, offset, length)) {
                    compressed++;
                } else {
                    plain++;
                }
            }
            offset += length;
        }
        if (plain + compressed > 0) {
            return compressed > plain;
        }
        var header = SegmentFormat.compressionOfDamagedHeader(bytes);

        return header != null && header;
    }

    /** The header's bytes in hex, for the log: what was there before recovery rewrote it. */
    static String hex(ByteBuffer bytes) {
        var length = Math.min(bytes.limit(), HEADER_SIZE);

        return HexFormat.of().formatHex(bytes.array(), bytes.arrayOffset(), bytes.arrayOffset() + length);
    }

    private static boolean decompresses(ByteBuffer bytes, int offset, int length) {
        var subjectLength = Short.toUnsignedInt(bytes.getShort(offset + SegmentFormat.SUBJECT_LENGTH_OFFSET));
        var headersLength = bytes.getInt(offset + SegmentFormat.HEADERS_LENGTH_OFFSET);
        var blockStart = offset + FRAME_OVERHEAD + subjectLength;
        var blockLength = offset + length - blockStart;
        try {
            // a plain payload may open with any length; no Snappy block expands more than this
            if (blockLength == 0
                    || FrameCompression.uncompressedLength(bytes, blockStart) > MAX_EXPANSION * (long) blockLength) {
                return false;
            }
            var content = FrameCompression.decompress(bytes.array(), bytes.arrayOffset() + blockStart, blockLength);
            return content.length >= headersLength;
        } catch (StoreException e) {
            return false;
        }
    }
}
