package io.junction.jetstream.store;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.nio.ByteBuffer;

/**
 * The codec of {@code compression: s2}: a frame's headers and payload as one block of Snappy's raw block format
 * (aircompressor's pure-Java implementation). nats-server's S2 extends Snappy and compresses whole blocks; Junction's
 * segments are its own format and compress frame by frame, so that a message is still read with one positional read
 * and an append never rewrites what is already on disk. The subject stays uncompressed, so recovery rebuilds the
 * subject index without decompressing anything.
 */
final class FrameCompression {
    // A compressor keeps its hash table between calls, so one shared by the writers of two streams corrupts the
    // blocks both write; each thread (a stream's writer, a reader) has its own.
    private static final ThreadLocal<SnappyCompressor> COMPRESSOR = ThreadLocal.withInitial(SnappyCompressor::new);
    private static final ThreadLocal<SnappyDecompressor> DECOMPRESSOR =
            ThreadLocal.withInitial(SnappyDecompressor::new);

    private FrameCompression() {}

    /** One block of the headers (null for none) followed by the payload. */
    static byte[] compress(byte[] headers, byte[] payload) {
        var headersLength = headers == null ? 0 : headers.length;
        var content = new byte[headersLength + payload.length];
        if (headers != null) {
            System.arraycopy(headers, 0, content, 0, headersLength);
        }
        System.arraycopy(payload, 0, content, headersLength, payload.length);
        var compressor = COMPRESSOR.get();
        var block = new byte[compressor.maxCompressedLength(content.length)];
        var length = compressor.compress(content, 0, content.length, block, 0, block.length);

        return java.util.Arrays.copyOf(block, length);
    }

    /**
     * The bytes a block decompresses to, read from the length that opens it.
     *
     * @throws StoreException when the block does not open with a length, which its frame's checksum should have caught
     */
    static int uncompressedLength(ByteBuffer buffer, int offset) {
        try {
            return SnappyDecompressor.getUncompressedLength(buffer.array(), buffer.arrayOffset() + offset);
        } catch (MalformedInputException | IndexOutOfBoundsException e) {
            throw new StoreException("compressed block at offset " + offset + " has no valid length", e);
        }
    }

    /** @throws StoreException when the bytes are not a whole Snappy block */
    static byte[] decompress(byte[] block, int offset, int length) {
        try {
            var content = new byte[SnappyDecompressor.getUncompressedLength(block, offset)];
            var written = DECOMPRESSOR.get().decompress(block, offset, length, content, 0, content.length);
            if (written != content.length) {
                throw new StoreException(
                        "compressed block decompressed to " + written + " of " + content.length + " bytes");
            }
            return content;
        } catch (MalformedInputException | IndexOutOfBoundsException e) {
            throw new StoreException("compressed block is malformed", e);
        }
    }
}
