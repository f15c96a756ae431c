package io.junction.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a process that appends, deletes and syncs ({@link StoreCrashChild}) with SIGKILL at a random point, then
 * checks that every sequence it reported as synced is there (unless the child deleted it), once, in order, with its
 * content, and lets the next process go on with the same stream. A killed process leaves the OS with everything it
 * wrote, so the store must also hold every message appended after the last sync, and none that was deleted, but for
 * the one delete the kill may have cut off. A second run deletes most messages and compacts segments under load, with
 * compression, so that the kill also lands inside compactions.
 */
class FileStoreCrashTest {
    private static final Logger LOG = LoggerFactory.getLogger(FileStoreCrashTest.class);
    private static final int RUNS = 5;

    @TempDir
    Path work;

    @Test
    void keepsEverySyncedMessageAcrossKilledProcesses() throws Exception {
        killRepeatedly(false);
    }

    @Test
    void keepsEverySyncedMessageAcrossProcessesKilledWhileCompactingCompressedSegments() throws Exception {
        killRepeatedly(true);

        var compactions = 0L;
        for (var run = 0; run < RUNS; run++) {
            compactions += Files.readString(work.resolve("stderr-" + run))
                    .lines()
                    .filter(StoreCrashChild.COMPACTED::equals)
                    .count();
        }
        assertThat(compactions).as("compactions before the kills").isPositive();
        try (var files = Files.list(work.resolve("stream"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(SegmentCompaction.SUFFIX));
        }
    }

    private void killRepeatedly(boolean compact) throws Exception {
        var seed = new Random().nextLong();
        LOG.info("seed={}", seed);
        var random = new Random(seed);
        var directory = work.resolve("stream");
        var reportedBefore = 0L;

        for (var run = 0; run < RUNS; run++) {
            var report = work.resolve("report-" + run);
            var errors = work.resolve("stderr-" + run);
            var child = start(directory, report, errors, compact);
            var syncsBeforeKill = 2 + random.nextInt(30);
            try {
                await().atMost(Duration.ofSeconds(15))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> !child.isAlive() || reported(report).size() >= syncsBeforeKill);
            } finally {
                child.destroyForcibly().waitFor();
            }
            var reported = reported(report);
            assertThat(reported)
                    .as("reports of run %d, stderr: %s", run, Files.readString(errors))
                    .isNotEmpty();
            assertThat(reported.getFirst()).isGreaterThanOrEqualTo(reportedBefore);

            reportedBefore = verify(directory, reported.getLast(), compact);
        }
    }

    private static Process start(Path directory, Path report, Path errors, boolean compact) throws IOException {
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                StoreCrashChild.class.getName(),
                directory.toString(),
                compact ? "compact" : "plain");

        return new ProcessBuilder(command)
                .redirectOutput(report.toFile())
                .redirectError(errors.toFile())
                .start();
    }

    /** The synced sequences on complete lines; a line the kill cut short is not a report. */
    private static List<Long> reported(Path report) {
        try {
            var text = Files.readString(report, StandardCharsets.US_ASCII);
            var complete = text.substring(0, text.lastIndexOf('\n') + 1);
            return complete.lines().map(Long::parseLong).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first sequence from {@code sequence} on that should hold a message. The delete due after the last append
     * may or may not have happened before the kill, so that message may be there or not.
     */
    private static long skipDeleted(MessageStore store, long sequence, long last, boolean compact) {
        var next = sequence;
        while (next <= last
                && (StoreCrashChild.isDeleted(next, last - 1, compact)
                        || (StoreCrashChild.isDeleted(next, last, compact) && store.get(next) == null))) {
            next++;
        }

        return next;
    }

    /** Checks the store against what was reported and returns its last sequence. */
    private static long verify(Path directory, long lastReported, boolean compact) {
        try (var store = FileStore.open(directory, StoreLimits.NONE, 64 * 1024)) {
            var last = store.state().lastSeq();
            assertThat(last).isGreaterThanOrEqualTo(lastReported);
            var expected = 1L;
            for (var message = store.nextMatching(">", 1);
                    message != null;
                    message = store.nextMatching(">", message.sequence() + 1)) {
                expected = skipDeleted(store, expected, last, compact);
                assertThat(message.sequence()).isEqualTo(expected++);
                assertThat(message.subject()).isEqualTo(StoreCrashChild.subject(message.sequence()));
                assertThat(message.headers()).isEqualTo(StoreCrashChild.headers(message.sequence()));
                assertThat(message.payload()).isEqualTo(StoreCrashChild.payload(message.sequence()));
                assertThat(message.timestampNanos()).isEqualTo(message.sequence());
            }
            assertThat(skipDeleted(store, expected, last, compact)).isEqualTo(last + 1);

            return last;
        }
    }
}
