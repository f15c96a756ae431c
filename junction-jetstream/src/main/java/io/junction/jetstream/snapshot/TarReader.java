package io.junction.jetstream.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the tar archives {@link TarWriter} writes: ustar headers of regular files, each perhaps after a pax header
 * naming its path. Anything else (directories, links, devices, a bad header checksum) is refused as
 * {@link ArchiveException}, and so is an archive that ends before its two zero blocks.
 */
final class TarReader {
    private static final int BLOCK = TarWriter.BLOCK;
    private static final int MAX_PAX = 64 * 1024;

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** A regular file in the archive. */
    record Entry(String name, long size) {}

    /** The next file, its content left to {@link #content}; null at the archive's end. */
    Entry next() throws IOException {
        skip(remaining + padding);
        String paxPath = null;
        while (true) {
            var header = readBlock();
            if (isZero(header)) {
                if (!isZero(readBlock())) {
                    throw new ArchiveException("the archive holds data after its end");
                }
                return null;
            }
            checkHeader(header);
            var size = size(header);
            var type = header[156];
            if (type == 'x') {
                paxPath = paxPath(size);
                continue;
            }
            if (type != '0' && type != 0) {
                throw new ArchiveException(
                        "the archive holds an entry that is not a regular file: " + text(header, 0, 100));
            }
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            return new Entry(paxPath != null ? paxPath : text(header, 0, 100), size);
        }
    }

    /**
     * After the archive's end: what follows, up to the end of the input, may only be the zero blocks that pad a tar
     * to its record size; anything else (bytes appended to a whole archive) is refused.
     */
    void requireEnd() throws IOException {
        var buffer = new byte[BLOCK];
        for (var read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            for (var i = 0; i < read; i++) {
                if (buffer[i] != 0) {
                    throw new ArchiveException("the archive holds data after its end");
                }
            }
        }
    }

    /** The current file's content, which ends with it. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                var one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                var read = in.read(buffer, offset, (int) Math.min(length, remaining));
                if (read < 0) {
                    throw truncated();
                }
                remaining -= read;
                return read;
            }
        };
    }

    /** The unsigned sum of the header's bytes, its checksum field counted as spaces. */
    static long checksum(byte[] header) {
        long sum = 0;
        for (var i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xFF;
        }

        return sum;
    }

    private static void checkHeader(byte[] header) {
        if (!text(header, 257, 5).equals("ustar")) {
            throw new ArchiveException("the archive is not a tar archive (no ustar header)");
        }
        if (octal(header, 148, 8) != checksum(header)) {
            throw new ArchiveException("a tar header in the archive fails its checksum");
        }
    }

    private static long size(byte[] header) {
        var size = octal(header, 124, 12);
        if (size < 0) {
            throw new ArchiveException("a tar header in the archive has a bad size");
        }

        return size;
    }

    private String paxPath(long size) throws IOException {
        if (size > MAX_PAX) {
            throw new ArchiveException("a pax header in the archive is too large");
        }
        var records = new String(readFully((int) size), StandardCharsets.UTF_8);
        skip((BLOCK - size % BLOCK) % BLOCK);
        String path = null;
        for (var at = 0; at < records.length(); ) {
            var space = records.indexOf(' ', at);
            var length = space < 0 ? -1 : parseLength(records.substring(at, space));
            if (length <= 0 || at + length > records.length()) {
                throw new ArchiveException("a pax header in the archive is malformed");
            }
            var record = records.substring(space + 1, at + length - 1);
            if (record.startsWith("path=")) {
                path = record.substring("path=".length());
            }
            at += length;
        }

        return path;
    }

    private static int parseLength(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private byte[] readBlock() throws IOException {
        return readFully(BLOCK);
    }

    private byte[] readFully(int length) throws IOException {
        var bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw truncated();
        }

        return bytes;
    }

    private void skip(long count) throws IOException {
        var left = count;
        while (left > 0) {
            var skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw truncated();
                }
                skipped = 1;
            }
            left -= skipped;
        }
        remaining = 0;
        padding = 0;
    }

    private static EOFException truncated() {
        return new EOFException("the archive is truncated");
    }

    private static boolean isZero(byte[] block) {
        for (var b : block) {
            if (b != 0) {
                return false;
            }
        }

        return true;
    }

    private static long octal(byte[] header, int offset, int width) {
        var text = text(header, offset, width).trim();
        if (text.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(byte[] header, int offset, int width) {
        var end = offset;
        while (end < offset + width && header[end] != 0) {
            end++;
        }

        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
