package io.junction.jetstream.store;

import static io.junction.jetstream.store.FileStoreRecoveryTest.append;
import static io.junction.jetstream.store.FileStoreRecoveryTest.assertIntact;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compression: s2} on disk: what it writes, that every setting reads back, and damage to compressed frames. */
class FileStoreCompressionTest {
    private static final int SEGMENT_BYTES = 4096;

    @TempDir
    Path directory;

    private FileStore open(StoreCompression compression) {
        return FileStore.open(directory, StoreLimits.NONE, SEGMENT_BYTES, compression);
    }

    private List<Path> segmentFiles() throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".seg"))
                    .sorted()
                    .toList();
        }
    }

    private static short version(Path segment) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(segment)).getShort(4);
    }

    @Test
    void writesCompressedSegmentsUnderVersion2AndPlainOnesUnderVersion1() throws IOException {
        try (var store = open(StoreCompression.NONE)) {
            append(store, 3);
            store.updateCompression(StoreCompression.S2);
            append(store, 3);
        }

        var segments = segmentFiles();
        assertThat(segments).hasSize(2);
        assertThat(version(segments.getFirst())).isEqualTo(SegmentFormat.VERSION);
        assertThat(version(segments.getLast())).isEqualTo(SegmentFormat.VERSION_FLAGS);
    }

    @Test
    void storesRepetitivePayloadsInFarFewerBytesAndCountsThemUncompressed() throws IOException {
        var payload = "abcdefgh".repeat(400).getBytes(US_ASCII);
        try (var store = open(StoreCompression.S2)) {
            store.append("kv.key", null, payload, 1);

            assertThat(Files.size(segmentFiles().getLast())).isLessThan(payload.length / 10);
            assertThat(store.state().bytes()).isEqualTo(StoreLimits.fileMessageSize("kv.key", null, payload));
            assertThat(store.get(1).payload()).isEqualTo(payload);
        }

        try (var store = open(StoreCompression.S2)) {
            assertThat(store.state().bytes()).isEqualTo(StoreLimits.fileMessageSize("kv.key", null, payload));
            assertThat(store.get(1).payload()).isEqualTo(payload);
        }
    }

    /** New messages follow the setting of the moment; the old ones stay readable whatever the store opens with. */
    @Test
    void readsEveryMessageAcrossChangesOfCompressionAndReopens() {
        try (var store = open(StoreCompression.S2)) {
            append(store, 100);
            store.updateCompression(StoreCompression.NONE);
            append(store, 100);
            store.updateCompression(StoreCompression.S2);
            append(store, 100);
        }

        for (var compression : StoreCompression.values()) {
            try (var store = open(compression)) {
                assertThat(store.state().firstSeq()).isEqualTo(1);
                for (var sequence = 1L; sequence <= 300; sequence++) {
                    assertIntact(store, sequence);
                }
                var next = store.state().lastSeq() + 1;
                append(store, 1);
                assertIntact(store, next);
            }
            try (var store = open(compression)) {
                var last = store.state().lastSeq();
                assertIntact(store, last);
                store.delete(last, false);
            }
        }
    }

    @Test
    void compactsCompressedSegmentsAndKeepsThemCompressed() throws IOException {
        try (var store = open(StoreCompression.S2)) {
            for (var sequence = 1; sequence <= 400; sequence++) {
                store.append("s." + sequence % 4, null, ("value-" + sequence + "!".repeat(200)).getBytes(US_ASCII), 1);
            }
            var first = segmentFiles().getFirst();
            for (var sequence = 1L; sequence <= 150; sequence++) {
                if (sequence % 7 != 0) {
                    store.delete(sequence, false);
                }
            }
            store.sync();

            assertThat(store.compactSegments()).isPositive();
            assertThat(version(first)).isEqualTo(SegmentFormat.VERSION_FLAGS);
            assertThat(new String(store.get(7).payload(), US_ASCII)).isEqualTo("value-7" + "!".repeat(200));
        }

        try (var store = open(StoreCompression.NONE)) {
            assertThat(new String(store.get(7).payload(), US_ASCII)).isEqualTo("value-7" + "!".repeat(200));
            assertThat(store.get(8)).isNull();
        }
    }

    /** The checksum covers the bytes as stored, so damage to a compressed block is caught before decompressing. */
    @Test
    void reportsAndDropsACompressedFrameWhoseBytesWereDamaged() throws IOException {
        long secondFrame;
        try (var store = open(StoreCompression.S2)) {
            append(store, 1);
            secondFrame = Files.size(segmentFiles().getLast());
            append(store, 4);
        }
        var segment = segmentFiles().getLast();
        var bytes = Files.readAllBytes(segment);
        bytes[(int) secondFrame + SegmentFormat.FRAME_OVERHEAD + 10] ^= 0x20;
        Files.write(segment, bytes);

        try (var logs = new LogCapture(SegmentRecovery.class);
                var store = open(StoreCompression.S2)) {
            assertThat(logs.warnings())
                    .singleElement()
                    .asString()
                    .contains("offset=" + secondFrame)
                    .contains("fails its checksum");
            assertThat(store.get(2)).isNull();
            assertThat(store.deletedSequences()).containsExactly(2L);
            for (var sequence : List.of(1L, 3L, 4L, 5L)) {
                assertIntact(store, sequence);
            }
            assertThat(store.append("a", null, new byte[1], 1)).isEqualTo(6);
        }
    }

    /**
     * A segment as the release before compression wrote it, encoded here from the documented layout rather than by
     * the store's own encoder: a version 1 header and one frame with headers. It must open, read and take appends.
     */
    @Test
    void opensASegmentWrittenByThePreviousRelease() throws IOException {
        var subject = "orders.1".getBytes(US_ASCII);
        var headers = "NATS/1.0\r\nA: b\r\n\r\n".getBytes(US_ASCII);
        var payload = "hello".getBytes(US_ASCII);
        var header =
                ByteBuffer.allocate(36).putInt(0x4A4E5347).putShort((short) 1).putShort((short) 0);
        header.putLong(0).putLong(0).putLong(0);
        header.putInt(crc(header.array(), 0, 32));
        var length = 35 + subject.length + headers.length + payload.length;
        var frame =
                ByteBuffer.allocate(length).putInt(length).putInt(0).putInt(0).put((byte) 0x4C);
        frame.putLong(1).putLong(42).putShort((short) subject.length).putInt(headers.length);
        frame.put(subject).put(headers).put(payload);
        var head = new java.util.zip.CRC32C();
        head.update(frame.array(), 0, 4);
        head.update(frame.array(), 13, 22);
        frame.putInt(4, (int) head.getValue());
        frame.putInt(8, crc(frame.array(), 35, length - 35));
        Files.createDirectories(directory);
        Files.write(directory.resolve(Segment.fileName(1)), concat(header.array(), frame.array()));

        try (var store = open(StoreCompression.S2)) {
            var message = store.get(1);
            assertThat(message.subject()).isEqualTo("orders.1");
            assertThat(message.headers()).isEqualTo(headers);
            assertThat(message.payload()).isEqualTo(payload);
            assertThat(message.timestampNanos()).isEqualTo(42);
            assertThat(store.state().bytes()).isEqualTo(StoreLimits.fileMessageSize("orders.1", headers, payload));
            assertThat(store.append("orders.2", null, payload, 43)).isEqualTo(2);
        }
        try (var store = open(StoreCompression.NONE)) {
            assertThat(store.get(1).payload()).isEqualTo(payload);
            assertThat(store.get(2).payload()).isEqualTo(payload);
        }
    }

    private static int crc(byte[] bytes, int offset, int length) {
        var crc = new java.util.zip.CRC32C();
        crc.update(bytes, offset, length);

        return (int) crc.getValue();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        var both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        return both;
    }
}
