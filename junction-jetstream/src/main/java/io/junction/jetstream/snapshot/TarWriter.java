package io.junction.jetstream.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a tar archive of regular files in the POSIX ustar format, which every tar reads. A name longer than ustar's
 * 100 bytes is carried by a pax extended header before the file's own. Every file has mode 0600, owner
 * {@code junction} and the archive's one modification time.
 */
final class TarWriter {
    static final int BLOCK = 512;
    private static final long MAX_SIZE = 077777777777L;

    private final OutputStream out;
    private final long modifiedSeconds;

    TarWriter(OutputStream out, long modifiedSeconds) {
        this.out = out;
        this.modifiedSeconds = modifiedSeconds;
    }

    /** Writes the file's header, then what {@code content} writes, which must be {@code size} bytes. */
    void file(String name, long size, Content content) throws IOException {
        if (size > MAX_SIZE) {
            throw new IOException("file " + name + " is too large for the archive: " + size + " bytes");
        }
        var nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            var record = paxRecord("path", name);
            out.write(header("PaxHeaders/" + Math.abs(name.hashCode()), record.length, (byte) 'x'));
            out.write(record);
            pad(record.length);
        }
        out.write(header(name, size, (byte) '0'));
        var counting = new CountingStream(out);
        content.writeTo(counting);
        if (counting.count != size) {
            throw new IOException("file " + name + " wrote " + counting.count + " bytes, not " + size);
        }
        pad(size);
    }

    void file(String name, byte[] bytes) throws IOException {
        file(name, bytes.length, stream -> stream.write(bytes));
    }

    /** Ends the archive with two zero blocks, as tar expects. */
    void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
    }

    private void pad(long size) throws IOException {
        var rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    private byte[] header(String name, long size, byte type) {
        var header = new byte[BLOCK];
        var nameBytes = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(nameBytes, 0, header, 0, Math.min(100, nameBytes.length));
        octal(header, 100, 8, 0600);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, modifiedSeconds);
        header[156] = type;
        ascii(header, 257, "ustar\0" + "00");
        ascii(header, 265, "junction");
        ascii(header, 297, "junction");
        Arrays.fill(header, 148, 156, (byte) ' ');
        var sum = TarReader.checksum(header);
        octal(header, 148, 7, sum);

        return header;
    }

    /** A pax record, {@code "<length> <key>=<value>\n"}, whose length counts its own digits. */
    private static byte[] paxRecord(String key, String value) {
        var body = " " + key + "=" + value + "\n";
        var bodyLength = body.getBytes(StandardCharsets.UTF_8).length;
        var length = bodyLength + String.valueOf(bodyLength).length();
        if (String.valueOf(length).length() != String.valueOf(bodyLength).length()) {
            length = bodyLength + String.valueOf(length).length();
        }

        return (length + body).getBytes(StandardCharsets.UTF_8);
    }

    /** Octal digits filling the field but its last byte, which stays NUL. */
    private static void octal(byte[] header, int offset, int width, long value) {
        var digits = Long.toOctalString(value);
        var padded = "0".repeat(width - 1 - digits.length()) + digits;
        ascii(header, offset, padded);
    }

    private static void ascii(byte[] header, int offset, String text) {
        var bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** Writes a file's content. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
