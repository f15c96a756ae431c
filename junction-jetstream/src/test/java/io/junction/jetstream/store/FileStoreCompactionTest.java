package io.junction.jetstream.store;

import static io.junction.jetstream.store.FileStoreRecoveryTest.append;
import static io.junction.jetstream.store.FileStoreRecoveryTest.assertIntact;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction of sealed segments: what it gives back, that it changes nothing a reader sees, and that a crash at any
 * step of it (simulated by leaving the files as each step leaves them) loses, duplicates and reuses nothing.
 */
class FileStoreCompactionTest {
    private static final int SEGMENT_BYTES = 4096;

    @TempDir
    Path directory;

    @TempDir
    Path scratch;

    private FileStore open() {
        return FileStore.open(directory, StoreLimits.NONE, SEGMENT_BYTES);
    }

    private List<Path> segmentFiles() throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".seg"))
                    .sorted()
                    .toList();
        }
    }

    /** Three sealed segments and more, with all but every tenth message of the first two deleted and synced. */
    private static List<Long> fillAndThin(MessageStore store) {
        append(store, 300);
        var kept = new ArrayList<Long>();
        for (var sequence = 1L; sequence <= 120; sequence++) {
            if (sequence % 10 == 0) {
                kept.add(sequence);
            } else {
                store.delete(sequence, false);
            }
        }
        store.sync();

        return kept;
    }

    private record Snapshot(StreamState state, List<Long> deleted) {
        static Snapshot of(MessageStore store) {
            return new Snapshot(store.state(), store.deletedSequences());
        }
    }

    private static void assertSame(MessageStore store, Snapshot before) {
        assertThat(store.state()).isEqualTo(before.state());
        assertThat(store.deletedSequences()).isEqualTo(before.deleted());
        for (var sequence = 1L; sequence <= before.state().lastSeq(); sequence++) {
            if (before.deleted().contains(sequence) || sequence < before.state().firstSeq()) {
                assertThat(store.get(sequence)).as("sequence %d", sequence).isNull();
            } else {
                assertIntact(store, sequence);
            }
        }
    }

    @Test
    void givesBackTheSpaceOfAMostlyDeletedSealedSegmentAndChangesNothingReadersSee() throws IOException {
        try (var store = open()) {
            fillAndThin(store);
            var first = segmentFiles().getFirst();
            var sizeBefore = Files.size(first);
            var before = Snapshot.of(store);

            var reclaimed = store.compactSegments();

            assertThat(reclaimed).isPositive();
            assertThat(Files.size(first)).isEqualTo(sizeBefore - reclaimed).isLessThan(sizeBefore / 4);
            assertSame(store, before);
            store.delete(10, false);
            store.sync();
            assertThat(store.get(10)).isNull();
            assertThat(store.get(20)).isNotNull();
        }

        try (var store = open()) {
            assertThat(store.get(10)).isNull();
            assertIntact(store, 20);
            assertThat(store.state().firstSeq()).isEqualTo(20);
            assertThat(store.deletedSequences()).contains(21L, 29L).doesNotContain(20L, 30L);
        }
    }

    /**
     * A KV bucket with history 1: ten hot keys updated over and over, and now and then a key written once and kept,
     * which pins every segment it lands in. The limit evicts, and compaction after each batch (of less than a
     * segment) keeps the disk near the live messages.
     */
    @Test
    void keepsAKeyValueBucketWithHistoryOneNearItsLiveSize() throws IOException {
        var limits = new StoreLimits(0, 0, 0, 1, true);
        try (var store = FileStore.open(directory, limits, SEGMENT_BYTES)) {
            var value = new byte[100];
            var written = 0L;
            for (var update = 0; update < 5_000; update++) {
                var key = update % 30 == 0 ? "$KV.config.cold" + update : "$KV.config.hot" + (update % 10);
                store.append(key, null, value, update);
                written += SegmentFormat.FRAME_OVERHEAD + key.length() + value.length;
                if (update % 20 == 19) {
                    store.sync();
                    store.compactSegments();
                }
            }

            assertThat(store.state().messages()).isEqualTo(10 + 167);
            assertThat(totalSize()).isLessThan(written / 10);
        }
    }

    @Test
    void compactsEverySegmentWorthItAndThenNone() throws IOException {
        try (var store = open()) {
            fillAndThin(store);
            var totalBefore = totalSize();

            var rounds = 0;
            while (store.compactSegments() > 0) {
                rounds++;
            }

            assertThat(rounds).isGreaterThanOrEqualTo(2);
            assertThat(totalSize()).isLessThan(totalBefore);
            assertThat(store.compactSegments()).isZero();
        }
    }

    @Test
    void leavesSegmentsMostlyLiveAndTheNewestAlone() throws IOException {
        try (var store = open()) {
            append(store, 300);
            for (var sequence = 1L; sequence <= 300; sequence += 3) {
                store.delete(sequence, false);
            }
            store.sync();

            assertThat(store.compactSegments()).isZero();

            var newest = store.state().lastSeq();
            for (var sequence = newest; sequence > newest - 5; sequence--) {
                store.delete(sequence, false);
            }
            assertThat(store.compactSegments()).isZero();
        }
    }

    @Test
    void keepsTheLastSequenceWhenTheCompactedSegmentHeldTheHighestDeletedOnes() throws IOException {
        try (var store = open()) {
            append(store, 40);
            store.updateCompression(StoreCompression.S2);
            for (var sequence = 2L; sequence <= 40; sequence++) {
                store.delete(sequence, false);
            }
            store.sync();

            assertThat(store.compactSegments()).isPositive();
            assertThat(store.state().lastSeq()).isEqualTo(40);
        }

        try (var store = open()) {
            assertThat(store.state().lastSeq()).isEqualTo(40);
            assertThat(store.state().numDeleted()).isEqualTo(39);
            assertIntact(store, 1);
            assertThat(store.append("next", null, new byte[1], 41)).isEqualTo(41);
        }
    }

    /**
     * The files as each step of a compaction leaves them, with the store killed there: the new file cut at every
     * interesting length beside the untouched segment (a crash while writing it), the whole new file beside it (a
     * crash before the rename), and the new file renamed over it (a crash before the directory was forced).
     */
    @Test
    void recoversTheSameMessagesFromACrashAtEveryStepOfACompaction() throws IOException {
        Snapshot before;
        try (var store = open()) {
            fillAndThin(store);
            before = Snapshot.of(store);
        }
        var beforeFiles = scratch.resolve("before");
        copy(directory, beforeFiles);
        var store = open();
        assertThat(store.compactSegments()).isPositive();
        store.abandon();
        var segment = segmentFiles().getFirst();
        var compacted = Files.readAllBytes(segment);
        var afterFiles = scratch.resolve("after");
        copy(directory, afterFiles);

        var cuts = new ArrayList<Integer>(List.of(0, 1, SegmentFormat.HEADER_SIZE, SegmentFormat.HEADER_SIZE + 7));
        cuts.addAll(List.of(compacted.length / 2, compacted.length - 1, compacted.length));
        for (var cut : cuts) {
            restore(beforeFiles);
            var leftover = directory.resolve(segment.getFileName() + SegmentCompaction.SUFFIX);
            Files.write(leftover, Arrays.copyOf(compacted, cut));

            try (var logs = new LogCapture(SegmentRecovery.class);
                    var reopened = open()) {
                assertSame(reopened, before);
                assertThat(Files.exists(leftover)).as("new file cut at %d", cut).isFalse();
                assertThat(logs.warnings()).singleElement().asString().contains("compaction a crash interrupted");
                assertThat(reopened.append("next", null, new byte[1], 1))
                        .isEqualTo(before.state().lastSeq() + 1);
            }
        }

        restore(afterFiles);
        try (var reopened = open()) {
            assertSame(reopened, before);
            assertThat(Files.size(segment)).isEqualTo(compacted.length);
            assertThat(reopened.append("next", null, new byte[1], 1))
                    .isEqualTo(before.state().lastSeq() + 1);
        }
    }

    @Test
    void aDeletedMessagesBytesLeaveTheDiskWithTheCompaction() throws IOException {
        try (var store = open()) {
            store.append("secret", null, "top-secret-token".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1);
            append(store, 299);
            for (var sequence = 2L; sequence <= 100; sequence++) {
                if (sequence % 10 != 0) {
                    store.delete(sequence, false);
                }
            }
            store.delete(1, false);
            store.sync();

            assertThat(store.compactSegments()).isPositive();
        }

        var first =
                new String(Files.readAllBytes(segmentFiles().getFirst()), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(first).doesNotContain("top-secret-token");
    }

    private long totalSize() throws IOException {
        var total = 0L;
        for (var file : segmentFiles()) {
            total += Files.size(file);
        }

        return total;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (var file : files.toList()) {
                if (!file.getFileName().toString().equals("lock")) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }

    private void restore(Path files) throws IOException {
        try (Stream<Path> current = Files.list(directory)) {
            for (var file : current.toList()) {
                if (!file.getFileName().toString().equals("lock")) {
                    Files.delete(file);
                }
            }
        }
        try (Stream<Path> saved = Files.list(files)) {
            for (var file : saved.toList()) {
                Files.copy(file, directory.resolve(file.getFileName()));
            }
        }
    }
}
