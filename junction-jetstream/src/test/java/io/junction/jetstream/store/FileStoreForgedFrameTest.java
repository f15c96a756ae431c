package io.junction.jetstream.store;

import static io.junction.jetstream.store.FileStoreRecoveryTest.append;
import static io.junction.jetstream.store.FileStoreRecoveryTest.assertIntact;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message whose payload holds bytes shaped like a good frame (a segment file or a store snapshot kept as a message)
 * and whose own frame is damaged on disk: recovery loses that one message and reports it, keeps every other message
 * with its own content, never serves the frame from inside the payload, and never takes its sequence.
 */
class FileStoreForgedFrameTest {
    private static final int SEGMENT_BYTES = 4096;
    private static final long BLOB = 11;
    private static final List<Long> FORGED = List.of(BLOB, BLOB + 1, 5_000_000L);

    @TempDir
    Path directory;

    @TempDir
    Path scratch;

    private FileStore open() {
        return FileStore.open(directory, StoreLimits.NONE, SEGMENT_BYTES);
    }

    /** A whole segment file holding one message under {@code sequence}, as a backup of a segment would be. */
    private byte[] segmentHolding(long sequence) throws IOException {
        var source = scratch.resolve("forged-" + sequence);
        try (var store = FileStore.open(source, StoreLimits.NONE, SEGMENT_BYTES)) {
            store.appendAt(sequence, "forged", null, "FORGED CONTENT".getBytes(US_ASCII), sequence);
        }
        try (var files = Files.list(source)) {
            return Files.readAllBytes(files.filter(path -> path.toString().endsWith(".seg"))
                    .findFirst()
                    .orElseThrow());
        }
    }

    /** Ten messages, then the blob as sequence 11 (a backup of a segment, then the segment), then {@code after}. */
    private void fill(long forged, int after) throws IOException {
        var segment = segmentHolding(forged);
        var blob = ByteBuffer.allocate(20 + segment.length)
                .put("backup-of-a-segment:".getBytes(US_ASCII))
                .put(segment)
                .array();
        try (var store = open()) {
            append(store, 10);
            assertThat(store.append("backup", null, blob, BLOB)).isEqualTo(BLOB);
            append(store, after);
        }
    }

    /** Where the frame of the sequence lies: its segment and its offset in it. */
    private record Located(Path segment, int offset) {}

    private Located locate(long sequence) throws IOException {
        try (var files = Files.list(directory)) {
            for (var path : files.filter(file -> file.toString().endsWith(".seg"))
                    .sorted()
                    .toList()) {
                var bytes = ByteBuffer.wrap(Files.readAllBytes(path));
                for (var offset = SegmentFormat.HEADER_SIZE;
                        offset < bytes.limit();
                        offset += bytes.getInt(offset + SegmentFormat.LENGTH_OFFSET)) {
                    if (SegmentFormat.sequence(bytes, offset) == sequence) {
                        return new Located(path, offset);
                    }
                }
            }
        }
        throw new AssertionError("no frame of sequence " + sequence);
    }

    private Map<Path, byte[]> files() throws IOException {
        var files = new HashMap<Path, byte[]>();
        try (var paths = Files.list(directory)) {
            for (var path : paths.toList()) {
                files.put(path, Files.readAllBytes(path));
            }
        }
        return files;
    }

    private void restore(Map<Path, byte[]> files) throws IOException {
        try (var paths = Files.list(directory)) {
            for (var path : paths.toList()) {
                Files.delete(path);
            }
        }
        for (var file : files.entrySet()) {
            Files.write(file.getKey(), file.getValue());
        }
    }

    private void damage(Located frame, Consumer<byte[]> damage) throws IOException {
        var bytes = Files.readAllBytes(frame.segment());
        var head = new byte[SegmentFormat.FRAME_OVERHEAD];
        System.arraycopy(bytes, frame.offset(), head, 0, head.length);
        damage.accept(head);
        System.arraycopy(head, 0, bytes, frame.offset(), head.length);
        Files.write(frame.segment(), bytes);
    }

    /** Every message but the blob intact, the blob reported and gone, nothing forged, the next sequence right. */
    private void assertOnlyTheBlobLost(long forged, long last, Located blob, String what) {
        try (var logs = new LogCapture(SegmentRecovery.class);
                var store = open()) {
            assertThat(logs.warnings())
                    .as(what)
                    .anyMatch(warning ->
                            warning.contains("segment=" + blob.segment().getFileName())
                                    && warning.contains("offset=" + blob.offset()));
            assertThat(store.get(BLOB)).as(what).isNull();
            for (var sequence = 1L; sequence <= last; sequence++) {
                if (sequence != BLOB) {
                    assertIntact(store, sequence);
                }
            }
            assertThat(store.state().lastSeq()).as(what).isEqualTo(last);
            assertThat(store.state().messages()).as(what).isEqualTo(last - 1);
            if (forged > last) {
                assertThat(store.get(forged)).as(what).isNull();
            }
            assertThat(store.append("after", null, new byte[1], 1)).as(what).isEqualTo(last + 1);
        }
    }

    @Test
    void losesOnlyTheMessageWhenAnyOneBitOfItsHeadIsDamaged() throws IOException {
        for (var forged : FORGED) {
            fill(forged, 300);
            var blob = locate(BLOB);
            var intact = files();
            for (var at = 0; at < SegmentFormat.FRAME_OVERHEAD; at++) {
                if (at == SegmentFormat.STATE_OFFSET) {
                    continue;
                }
                var bit = 1 << (at % Byte.SIZE);
                var flipped = at;
                damage(blob, head -> head[flipped] ^= (byte) bit);

                assertOnlyTheBlobLost(forged, 311, blob, "forged seq " + forged + " head byte " + at);

                restore(intact);
            }
            restore(Map.of());
        }
    }

    @Test
    void losesOnlyTheMessageWhenItsWholeHeadIsDestroyed() throws IOException {
        for (var forged : FORGED) {
            fill(forged, 300);
            var blob = locate(BLOB);
            damage(blob, head -> Arrays.fill(head, (byte) 0));

            assertOnlyTheBlobLost(forged, 311, blob, "forged seq " + forged);

            restore(Map.of());
        }
    }

    @Test
    void neverTakesAFrameFromThePayloadOfTheNewestMessage() throws IOException {
        for (var forged : FORGED) {
            fill(forged, 0);
            var blob = locate(BLOB);
            damage(blob, head -> Arrays.fill(head, (byte) 0));

            try (var logs = new LogCapture(SegmentRecovery.class);
                    var store = open()) {
                assertThat(logs.warnings()).anyMatch(warning -> warning.contains("offset=" + blob.offset()));
                assertThat(store.get(BLOB)).isNull();
                assertThat(store.get(forged)).isNull();
                for (var sequence = 1L; sequence < BLOB; sequence++) {
                    assertIntact(store, sequence);
                }
                assertThat(store.state().lastSeq()).isEqualTo(BLOB);
                assertThat(store.append("after", null, new byte[1], 1)).isEqualTo(BLOB + 1);
            }

            restore(Map.of());
        }
    }

    @Test
    void keepsTheSequenceOfAMessageWhoseStateByteIsDamaged() throws IOException {
        fill(BLOB, 20);
        var blob = locate(BLOB);
        damage(blob, head -> head[SegmentFormat.STATE_OFFSET] ^= 0x01);

        assertOnlyTheBlobLost(BLOB, 31, blob, "state byte");
        try (var logs = new LogCapture(SegmentRecovery.class);
                var store = open()) {
            assertThat(logs.warnings()).isEmpty();
            assertThat(store.get(BLOB)).isNull();
            assertThat(store.deletedSequences()).containsExactly(BLOB);
        }
    }

    /**
     * A frame with good checksums but a sequence far above the frames after it: that one frame is the odd one out and
     * is dropped, rather than every later frame for having a lower sequence.
     */
    @Test
    void dropsOneFrameWhoseSequenceIsOutOfOrderRatherThanEveryFrameAfterIt() throws IOException {
        fill(BLOB, 300);
        var blob = locate(BLOB);
        damage(blob, head -> {
            var buffer = ByteBuffer.wrap(head);
            buffer.putLong(SegmentFormat.SEQUENCE_OFFSET, 5_000_000L);
            buffer.putInt(SegmentFormat.HEAD_CRC_OFFSET, SegmentFormat.headChecksum(buffer, 0, new CRC32C()));
        });

        assertOnlyTheBlobLost(5_000_000L, 311, blob, "sequence out of order");
    }
}
