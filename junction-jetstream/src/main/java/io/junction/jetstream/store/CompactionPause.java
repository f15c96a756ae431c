package io.junction.jetstream.store;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds compaction off for a minute after a rewrite failed before its rename, so that a full or failing device is not
 * asked for another rewrite after every batch. The segment is as it was, so nothing else needs to stop.
 *
 * <p>Not thread-safe: the store uses it under its sync lock.
 */
final class CompactionPause {
    private static final Logger LOG = LoggerFactory.getLogger(CompactionPause.class);
    private static final long PAUSE_NANOS = 60_000_000_000L;

    private final Path directory;
    private boolean paused;
    private long untilNanos;

    CompactionPause(Path directory) {
        this.directory = directory;
    }

    boolean isPaused() {
        if (paused && System.nanoTime() - untilNanos < 0) {
            return true;
        }
        paused = false;

        return false;
    }

    void pause(Segment segment, Exception e) {
        paused = true;
        untilNanos = System.nanoTime() + PAUSE_NANOS;
        LOG.warn("store={} segment={} could not be compacted; paused for a minute", directory, segment, e);
    }
}
