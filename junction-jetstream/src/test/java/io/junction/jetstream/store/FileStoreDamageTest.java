package io.junction.jetstream.store;

import static io.junction.jetstream.store.FileStoreRecoveryTest.append;
import static io.junction.jetstream.store.FileStoreRecoveryTest.assertIntact;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments damaged from outside, not by a crash: a segment whose header is damaged loses only what is damaged, and
 * no sequence the store used is ever used again, even when the newest segment is cut short or destroyed.
 */
class FileStoreDamageTest {
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

    @Test
    void readsASegmentWhoseHeaderHasAnyByteFlippedFrameByFrame() throws IOException {
        checkEveryHeaderByte(StoreCompression.NONE);
    }

    @Test
    void readsACompressedSegmentWhoseHeaderHasAnyByteFlippedFrameByFrame() throws IOException {
        checkEveryHeaderByte(StoreCompression.S2);
    }

    private void checkEveryHeaderByte(StoreCompression compression) throws IOException {
        try (var store = open(compression)) {
            append(store, 200);
        }
        var segments = segmentFiles();
        assertThat(segments).hasSizeGreaterThan(3);
        for (var segment : List.of(segments.get(1), segments.getLast())) {
            var intact = Files.readAllBytes(segment);
            for (var offset = 0; offset < SegmentFormat.HEADER_SIZE; offset++) {
                var damaged = intact.clone();
                damaged[offset] ^= (byte) 0xFF;
                Files.write(segment, damaged);

                try (var logs = new LogCapture(SegmentRecovery.class);
                        var store = open(compression)) {
                    assertThat(logs.warnings())
                            .as("offset %d", offset)
                            .singleElement()
                            .asString()
                            .contains("segment=" + segment.getFileName(), "damaged header");
                    assertThat(store.state().messages()).isEqualTo(200);
                    assertThat(store.state().lastSeq()).isEqualTo(200);
                    for (var sequence = 1L; sequence <= 200; sequence++) {
                        assertIntact(store, sequence);
                    }
                }
                try (var logs = new LogCapture(SegmentRecovery.class);
                        var store = open(compression)) {
                    assertThat(logs.warnings())
                            .as("the rewritten header at offset %d", offset)
                            .isEmpty();
                    assertThat(store.state().messages()).isEqualTo(200);
                }
                Files.write(segment, intact);
            }
        }
    }

    @Test
    void neverReusesTheSequencesOfANewestSegmentCutShortAfterAKill() throws IOException {
        var killed = open(StoreCompression.NONE);
        append(killed, 200);
        killed.sync();
        append(killed, 5);
        killed.abandon();
        var newest = segmentFiles().getLast();
        Files.write(newest, Arrays.copyOf(Files.readAllBytes(newest), 20));

        try (var logs = new LogCapture(SegmentRecovery.class);
                var store = open(StoreCompression.NONE)) {
            assertThat(logs.warnings()).anyMatch(warning -> warning.contains("high-water mark seq=200"));
            assertThat(store.state().lastSeq()).isEqualTo(200);
            assertThat(store.append("a", null, new byte[1], 1)).isEqualTo(201);
        }
    }

    @Test
    void keepsTheExactLastSequenceAfterACleanCloseWhateverHappensToTheNewestSegment() throws IOException {
        try (var store = open(StoreCompression.NONE)) {
            append(store, 200);
        }
        var newest = segmentFiles().getLast();
        Files.delete(newest);

        try (var store = open(StoreCompression.NONE)) {
            var state = store.state();
            assertThat(state.lastSeq()).isEqualTo(200);
            assertThat(state.messages()).isLessThan(200);
            assertThat(state.numDeleted()).isEqualTo(200 - state.firstSeq() + 1 - state.messages());
            assertIntact(store, 1);
            assertThat(store.append("a", null, new byte[1], 1)).isEqualTo(201);
        }
    }

    @Test
    void keepsAPurgeWhenTheNewestSegmentCarryingItsFloorIsLost() throws IOException {
        try (var store = open(StoreCompression.NONE)) {
            append(store, 200);
            store.purge(null, 150, 0);
            store.sync();
        }
        var newest = segmentFiles().getLast();
        Files.write(newest, Arrays.copyOf(Files.readAllBytes(newest), 20));

        try (var store = open(StoreCompression.NONE)) {
            assertThat(store.state().firstSeq()).isEqualTo(150);
            assertThat(store.state().messages()).isEqualTo(51);
            assertThat(store.get(149)).isNull();
            assertIntact(store, 150);
        }
    }

    @Test
    void opensAStoreWithoutAHighWaterMarkAsWrittenBeforeItExisted() throws IOException {
        try (var store = open(StoreCompression.NONE)) {
            append(store, 50);
        }
        Files.delete(directory.resolve(HighWaterMark.FILE_NAME));

        try (var logs = new LogCapture(SegmentRecovery.class);
                var store = open(StoreCompression.NONE)) {
            assertThat(logs.warnings()).isEmpty();
            assertThat(store.state().lastSeq()).isEqualTo(50);
            assertIntact(store, 50);
        }
        assertThat(directory.resolve(HighWaterMark.FILE_NAME)).exists();
    }

    @Test
    void opensWithTheSegmentsAloneWhenTheHighWaterMarkIsDamaged() throws IOException {
        try (var store = open(StoreCompression.NONE)) {
            append(store, 50);
        }
        var mark = directory.resolve(HighWaterMark.FILE_NAME);
        var bytes = Files.readAllBytes(mark);
        Arrays.fill(bytes, (byte) 0x5A);
        Files.write(mark, bytes);

        try (var logs = new LogCapture(HighWaterMark.class);
                var store = open(StoreCompression.NONE)) {
            assertThat(logs.warnings()).singleElement().asString().contains("no good high-water mark");
            assertThat(store.state().lastSeq()).isEqualTo(50);
            assertThat(store.append("a", null, new byte[1], 1)).isEqualTo(51);
        }
        try (var store = open(StoreCompression.NONE)) {
            assertThat(store.state().lastSeq()).isEqualTo(51);
        }
    }
}
