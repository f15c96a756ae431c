package io.junction.jetstream.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file store recovers from files left by a crash or damaged afterwards. */
class FileStoreRecoveryTest {
    private static final int SEGMENT_BYTES = 4096;

    @TempDir
    Path directory;

    static byte[] payload(long sequence) {
        return ("payload-" + sequence + "-" + "x".repeat((int) (sequence % 7))).getBytes(US_ASCII);
    }

    static void append(MessageStore store, int count) {
        for (var i = 0; i < count; i++) {
            var sequence = store.state().lastSeq() + 1;
            store.append("orders." + (sequence % 3), MessageStoreBehaviourTest.HEADERS, payload(sequence), sequence);
        }
    }

    static void assertIntact(MessageStore store, long sequence) {
        var message = store.get(sequence);
        assertThat(message).as("sequence %d", sequence).isNotNull();
        assertThat(message.subject()).isEqualTo("orders." + (sequence % 3));
        assertThat(message.headers()).isEqualTo(MessageStoreBehaviourTest.HEADERS);
        assertThat(message.payload()).isEqualTo(payload(sequence));
        assertThat(message.timestampNanos()).isEqualTo(sequence);
    }

    FileStore open() {
        return FileStore.open(directory, StoreLimits.NONE, SEGMENT_BYTES);
    }

    List<Path> segmentFiles() throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".seg"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void recoversEverySegmentAfterAClose() throws IOException {
        try (var store = open()) {
            append(store, 300);
            store.delete(7, false);
        }

        try (var store = open()) {
            assertThat(segmentFiles()).hasSizeGreaterThan(3);
            assertThat(store.state().messages()).isEqualTo(299);
            assertThat(store.deletedSequences()).containsExactly(7L);
            for (var sequence = 1L; sequence <= 300; sequence++) {
                if (sequence != 7) {
                    assertIntact(store, sequence);
                }
            }
        }
    }

    /**
     * A frame cut short, or whose end never reached the disk (zeros), at every length, as a crash leaves it. Its
     * sequence was never synced and may be reused, except when its head is whole: then the sequence is kept and the
     * message dropped.
     */
    @Test
    void dropsATornLastFrameAtEveryLengthAndAppendsAfterTheGoodOnes() throws IOException {
        var crashed = open();
        append(crashed, 3);
        crashed.sync();
        var tornStart = Files.size(segmentFiles().getLast());
        append(crashed, 1);
        crashed.abandon();
        var segment = segmentFiles().getLast();
        var intact = Files.readAllBytes(segment);
        var mark = directory.resolve(HighWaterMark.FILE_NAME);
        var markAtCrash = Files.readAllBytes(mark);

        for (var length = 0; length < intact.length - tornStart; length++) {
            var torn = Arrays.copyOf(intact, (int) tornStart + length);
            var zeroed = intact.clone();
            Arrays.fill(zeroed, (int) tornStart + length, zeroed.length, (byte) 0);
            for (var bytes : List.of(torn, zeroed)) {
                Files.write(segment, bytes);
                Files.write(mark, markAtCrash);
                var headWhole = bytes == zeroed && length >= SegmentFormat.FRAME_OVERHEAD;
                var last = headWhole ? 4 : 3;
                try (var logs = new LogCapture(SegmentRecovery.class);
                        var store = open()) {
                    assertThat(store.state().lastSeq()).isEqualTo(last);
                    assertThat(store.state().messages()).isEqualTo(3);
                    assertIntact(store, 3);
                    assertThat(logs.warnings()).hasSize(length == 0 && bytes == torn ? 0 : 1);
                    assertThat(logs.warnings()).allMatch(w -> w.contains("offset=" + tornStart));
                    append(store, 1);
                }
                try (var logs = new LogCapture(SegmentRecovery.class);
                        var store = open()) {
                    assertIntact(store, last + 1);
                    assertThat(store.get(4) == null).isEqualTo(headWhole);
                    assertThat(logs.warnings()).isEmpty();
                }
            }
        }
    }

    @Test
    void keepsTheSequenceOfAFrameWhoseEraseTore() throws IOException {
        long lastFrame;
        try (var store = open()) {
            append(store, 2);
            lastFrame = Files.size(segmentFiles().getLast());
            append(store, 1);
        }
        var segment = segmentFiles().getLast();
        var bytes = Files.readAllBytes(segment);
        Arrays.fill(bytes, (int) lastFrame + SegmentFormat.FRAME_OVERHEAD, bytes.length, (byte) 0);
        Files.write(segment, bytes);

        try (var logs = new LogCapture(SegmentRecovery.class);
                var store = open()) {
            assertThat(logs.warnings()).singleElement().asString().contains("seq=3");
            assertThat(store.state().lastSeq()).isEqualTo(3);
            assertThat(store.get(3)).isNull();
            assertThat(store.append("a", null, new byte[1], 1)).isEqualTo(4);
        }
    }

    @Test
    void neverReusesASyncedSequenceWhoseMessageWasDeleted() throws IOException {
        var crashed = open();
        append(crashed, 3);
        crashed.delete(3, false);
        crashed.delete(2, false);
        crashed.sync();
        var tornStart = Files.size(segmentFiles().getLast());
        append(crashed, 1);
        crashed.abandon();
        var segment = segmentFiles().getLast();
        Files.write(segment, Arrays.copyOf(Files.readAllBytes(segment), (int) tornStart + 10));

        try (var store = open()) {
            assertThat(store.state().lastSeq()).isEqualTo(3);
            assertThat(store.state().firstSeq()).isEqualTo(1);
            assertThat(store.append("a", null, new byte[1], 1)).isEqualTo(4);
        }
    }

    @Test
    void skipsACorruptFrameInTheMiddleAndKeepsTheRest() throws IOException {
        long secondFrame;
        try (var store = open()) {
            append(store, 1);
            secondFrame = Files.size(segmentFiles().getLast());
            append(store, 4);
        }
        var segment = segmentFiles().getLast();
        var bytes = Files.readAllBytes(segment);
        bytes[(int) secondFrame + 40] ^= 0x20;
        Files.write(segment, bytes);

        try (var logs = new LogCapture(SegmentRecovery.class);
                var store = open()) {
            assertThat(logs.warnings()).singleElement().asString().contains("offset=" + secondFrame);
            assertThat(store.get(2)).isNull();
            assertThat(store.deletedSequences()).containsExactly(2L);
            for (var sequence : List.of(1L, 3L, 4L, 5L)) {
                assertIntact(store, sequence);
            }
            assertThat(store.append("a", null, new byte[1], 1)).isEqualTo(6);
        }
    }

    @Test
    void findsTheNextGoodFrameAfterACorruptLength() throws IOException {
        long secondFrame;
        try (var store = open()) {
            append(store, 1);
            secondFrame = Files.size(segmentFiles().getLast());
            append(store, 3);
        }
        var segment = segmentFiles().getLast();
        var bytes = Files.readAllBytes(segment);
        bytes[(int) secondFrame + 1] = 0x7F;
        Files.write(segment, bytes);

        try (var store = open()) {
            assertThat(store.state().messages()).isEqualTo(3);
            assertThat(store.deletedSequences()).containsExactly(2L);
            assertIntact(store, 3);
            assertIntact(store, 4);
        }
    }

    @Test
    void renamesAsideASegmentThatIsGarbageFromTheStart() throws IOException {
        try (var store = open()) {
            append(store, 200);
        }
        var segments = segmentFiles();
        var garbage = new byte[3000];
        new Random(7).nextBytes(garbage);
        Files.write(segments.get(1), garbage);

        try (var logs = new LogCapture(SegmentRecovery.class);
                var store = open()) {
            assertThat(logs.warnings())
                    .singleElement()
                    .asString()
                    .contains("segment=" + segments.get(1).getFileName());
            assertThat(store.state().lastSeq()).isEqualTo(200);
            assertIntact(store, 1);
            assertIntact(store, 200);
            assertThat(store.state().messages()).isLessThan(200).isGreaterThan(100);
        }
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.startsWith(segments.get(1).getFileName() + ".corrupt-"));
        }
    }

    @Test
    void removesAnEmptySegmentFileLeftByACrash() throws IOException {
        try (var store = open()) {
            append(store, 3);
        }
        Files.createFile(directory.resolve(Segment.fileName(99)));

        try (var store = open()) {
            assertThat(store.state().lastSeq()).isEqualTo(3);
            append(store, 1);
            assertIntact(store, 4);
        }
        assertThat(Files.exists(directory.resolve(Segment.fileName(99)))).isFalse();
    }

    @Test
    void keepsTheLastSequenceWhenEverySegmentWasEmptied() throws IOException {
        try (var store = open()) {
            append(store, 200);
            for (var sequence = 200L; sequence >= 1; sequence--) {
                store.delete(sequence, false);
            }
            store.sync();
            assertThat(segmentFiles()).hasSize(1);
        }

        try (var store = open()) {
            assertThat(store.state().lastSeq()).isEqualTo(200);
            assertThat(store.state().firstSeq()).isEqualTo(201);
            assertThat(store.state().messages()).isZero();
        }
    }

    @Test
    void keepsAPurgeAcrossAKilledProcessBeforeAnySync() {
        var store = open();
        append(store, 100);
        store.sync();
        store.purge(null, 0, 0);
        append(store, 2);
        store.abandon();

        try (var reopened = open()) {
            assertThat(reopened.state().firstSeq()).isEqualTo(101);
            assertThat(reopened.state().messages()).isEqualTo(2);
            assertIntact(reopened, 102);
        }
    }

    @Test
    void removesSegmentsWithoutMessagesAtTheNextSync() throws IOException {
        try (var store = open()) {
            append(store, 300);
            var before = segmentFiles();
            store.purge(null, 150, 0);
            assertThat(segmentFiles()).containsAll(before);

            store.sync();

            assertThat(segmentFiles()).hasSizeLessThan(before.size());
            assertIntact(store, 150);
            assertThat(store.state().firstSeq()).isEqualTo(150);
        }
    }

    @Test
    void eraseOverwritesTheMessageOnDisk() throws IOException {
        try (var store = open()) {
            store.append("secret.subject", null, "top-secret-token".getBytes(US_ASCII), 1);
            store.append("other", null, "kept".getBytes(US_ASCII), 2);

            store.delete(1, true);
            store.sync();
        }

        var bytes = new String(Files.readAllBytes(segmentFiles().getLast()), US_ASCII);
        assertThat(bytes)
                .doesNotContain("top-secret-token")
                .doesNotContain("secret.subject")
                .contains("kept");
        try (var store = open()) {
            assertThat(store.get(1)).isNull();
            assertThat(store.state().firstSeq()).isEqualTo(2);
        }
    }

    @Test
    void givesAMessageLargerThanASegmentASegmentOfItsOwn() throws IOException {
        var large = new byte[3 * SEGMENT_BYTES];
        new Random(1).nextBytes(large);
        try (var store = open()) {
            append(store, 2);
            store.append("large", null, large, 3);
            append(store, 1);
        }

        try (var store = open()) {
            assertThat(store.get(3).payload()).isEqualTo(large);
            assertIntact(store, 4);
            assertThat(segmentFiles()).hasSize(3);
        }
    }

    @Test
    void refusesASecondOpenOfTheSameDirectory() {
        try (var store = open()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(this::open)
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("open in another store");
        }
    }
}
