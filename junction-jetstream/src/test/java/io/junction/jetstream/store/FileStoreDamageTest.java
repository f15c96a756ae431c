package io.junction.jetstream.store;

import static io.junction.jetstream.store.FileStoreRecoveryTest.append;
import static io.junction.jetstream.store.FileStoreRecoveryTest.assertIntact;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments damaged from outside, not by a crash: a segment whose header is damaged loses only what is damaged. */
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
}
