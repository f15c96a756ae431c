package io.junction.jetstream.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// TODO: open scans every segment to rebuild the index, so opening takes time in proportion to the bytes stored
// (about a second for 100 MB of 500-byte messages, JVM warm-up included); an index checkpoint written at close would
// skip most of that.
/**
 * The store for {@code storage: file}: messages in append-only segment files, and an index of them in memory.
 *
 * <h2>Layout</h2>
 * A stream's directory holds a {@code lock} file, the {@link HighWaterMark} and segment files named by a growing id
 * ({@code 0000000001.seg}), each a header and frames back to back, as {@link SegmentFormat} lays them out. The newest
 * segment takes appends until the next frame would pass the segment size (8 MiB unless configured); a larger frame gets
 * a segment of its own. The store's compression applies to the segments it creates, so a change starts a new segment,
 * and each segment is read as its own header says. The index counts a message's size uncompressed, as nats-server does.
 *
 * <h2>Durability</h2>
 * Every mutation is written through to the OS at once, and nothing but {@link #sync} forces anything. An append
 * writes its frame; a delete, and each eviction by the limits, rewrites the frame's state byte in place; an erase
 * rewrites the frame from its state byte on, with the same head and the content zeroed, so that even a torn erase
 * leaves a good head. A purge of every subject below a sequence (or of everything) and {@link #startAt} start a new
 * segment whose header carries the new purge floor, and mark no frame. Every new segment copies the current floor,
 * so the newest segment always holds the latest one. Sync forces every segment written since the last sync, then the
 * directory when segments were created, records the {@link HighWaterMark}, and only then removes the segments that
 * hold no live message, and forces the directory again. So after a killed process the store comes back exactly as it
 * was, after a power loss at least as of the last completed sync, and the last sequence always survives in a frame or
 * in the header of the newest segment, which is never removed, and in the high-water mark.
 *
 * <h2>Recovery</h2>
 * Open rebuilds the index from the segments in id order, and {@link SegmentRecovery} repairs what a crash or damage
 * left, logging each repair at WARN: a torn tail is cut back to the last good frame, a corrupt frame skipped, a frame
 * whose content fails its checksum kept as a deleted sequence, a damaged header rewritten from the frames behind it.
 * The last sequence is the highest of any good head, segment header or the {@link HighWaterMark}, which each sync
 * records once the segments are forced, so a sequence that a sync covered is never reused, even when every message
 * was deleted or the newest segment was cut or destroyed from outside; messages below the highest purge floor are
 * dropped. Open ends with a sync of every segment and the directory, so the recovered state is durable before any
 * segment is removed.
 *
 * <h2>Compaction</h2>
 * A segment is removed at the first sync after it holds no live message, unless it is the newest. A sealed segment
 * that is mostly deleted frames is rewritten with only its live ones by {@link #compactSegments}, one segment a call;
 * {@link SegmentCompaction} has the rule and the crash-safe sequence of writes. Index entries move to the new offsets
 * under the write lock, so state, deleted sequences and every read answer as before.
 *
 * <h2>Snapshots</h2>
 * {@link #snapshot} freezes the segments under the write lock for a stream snapshot; {@link FrameRewrites} shows each
 * open snapshot the bytes of every later write in place first, so that it yields the files as they were at the cut.
 *
 * <h2>Concurrency</h2>
 * One read-write lock guards the index and the segment list: mutations hold the write lock, reads the read lock and
 * read frames with positional reads through a channel separate from the writer's. {@link #sync} may run on a thread
 * other than the writer's: it holds the write lock only to take the set of written segments and to remove empty
 * ones, and forces without it, so appends go on during an fsync. Syncs, compactions and close are serialised by a
 * second lock, so no sync forces a segment that a compaction is replacing.
 */
public final class FileStore implements MessageStore {
    public static final int DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);

    private final Path directory;
    private final int segmentBytes;
    private final FileChannel lockFile;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final MessageIndex<FileEntry> index = new MessageIndex<>();
    private final SegmentList segments;
    private final FrameRewrites rewrites = new FrameRewrites();
    private final FrameEncoder encoder = new FrameEncoder();
    private StoreLimits limits;
    private boolean compressed;
    private long mutations;
    private long mutationsAtPlan;
    private final CompactionPause compactionPause;
    private long purgeFloor;
    private HighWaterMark highWater;
    private boolean closed;
    private volatile Exception failure;

    private FileStore(
            Path directory, StoreLimits limits, int segmentBytes, StoreCompression compression, FileChannel lockFile) {
        this.directory = directory;
        this.segments = new SegmentList(directory);
        this.compactionPause = new CompactionPause(directory);
        this.limits = limits;
        this.compressed = compression == StoreCompression.S2;
        this.segmentBytes = segmentBytes;
        this.lockFile = lockFile;
    }

    /** Opens the store in this directory, creating it when missing, with segments of the default size. */
    public static FileStore open(Path directory, StoreLimits limits) {
        return open(directory, limits, DEFAULT_SEGMENT_BYTES);
    }

    /** Opens the store with segments of the default size, writing new messages with this compression. */
    public static FileStore open(Path directory, StoreLimits limits, StoreCompression compression) {
        return open(directory, limits, DEFAULT_SEGMENT_BYTES, compression);
    }

    /** Opens the store without compression; see {@link #open(Path, StoreLimits, int, StoreCompression)}. */
    public static FileStore open(Path directory, StoreLimits limits, int segmentBytes) {
        return open(directory, limits, segmentBytes, StoreCompression.NONE);
    }

    /**
     * Opens the store in this directory, creating it when missing, and recovers its messages.
     *
     * @param compression how to write new messages; those already stored are read as they were written
     * @throws StoreException when the directory cannot be read or written, or another store has it open
     */
    public static FileStore open(Path directory, StoreLimits limits, int segmentBytes, StoreCompression compression) {
        if (segmentBytes < SegmentFormat.HEADER_SIZE + SegmentFormat.FRAME_OVERHEAD) {
            throw new IllegalArgumentException("segment size " + segmentBytes + " is too small");
        }
        var lockFile = Directories.lock(directory);
        var store = new FileStore(directory, limits, segmentBytes, compression, lockFile);
        try {
            store.recover();
        } catch (IOException | RuntimeException e) {
            store.releaseFiles();
            throw e instanceof StoreException s ? s : new StoreException("cannot open store " + directory, e);
        }

        return store;
    }

    @Override
    public long append(String subject, byte[] headers, byte[] payload, long timestampNanos) {
        return put(0, subject, headers, payload, timestampNanos);
    }

    @Override
    public long appendAt(long sequence, String subject, byte[] headers, byte[] payload, long timestampNanos) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence " + sequence + " is below 1");
        }
        return put(sequence, subject, headers, payload, timestampNanos);
    }

    /** Appends under {@code at}, or under the next sequence when {@code at} is 0. */
    private long put(long at, String subject, byte[] headers, byte[] payload, long timestampNanos) {
        return writing("append", () -> {
            var sequence = at == 0 ? index.lastSequence() + 1 : at;
            index.reserve(sequence);
            var canonical = index.canonical(subject);
            var frame = encoder.frame(sequence, timestampNanos, canonical, headers, payload, compressed);
            var length = frame.limit();
            var segment = segmentFor(length);
            var offset = segment.append(frame);
            var size = StoreLimits.fileMessageSize(canonical, headers, payload);
            index.add(sequence, new FileEntry(canonical, timestampNanos, length, segment, offset, size));
            segment.addLive(sequence, length);
            Retention.afterAppend(index, limits, canonical, this::removeLocked);

            return sequence;
        });
    }

    @Override
    public void sync() {
        sync(false);
    }

    /** @param forceMark whether to force the high-water mark too, as open and close do */
    private void sync(boolean forceMark) {
        syncLock.lock();
        try {
            List<Segment> written;
            List<Segment> empty;
            boolean forceDirectory;
            HighWaterMark.Mark mark;
            lock.writeLock().lock();
            try {
                checkWritable();
                written = segments.takeWritten();
                empty = segments.empty();
                forceDirectory = segments.takeDirectoryDirty();
                mark = new HighWaterMark.Mark(index.lastSequence(), index.lastTimestampNanos(), purgeFloor);
            } finally {
                lock.writeLock().unlock();
            }
            for (var segment : written) {
                segment.force();
            }
            if (forceDirectory) {
                Directories.force(directory);
            }
            highWater.record(mark, forceMark);
            removeSegments(empty);
        } catch (IOException e) {
            throw fail("sync", e);
        } finally {
            syncLock.unlock();
        }
    }

    @Override
    public StoredMessage get(long sequence) {
        return reading(() -> load(sequence));
    }

    @Override
    public StoredMessage nextMatching(String filter, long fromSequence) {
        return reading(() -> load(IndexQueries.nextMatching(index, filter, fromSequence)));
    }

    @Override
    public StoredMessage lastMatching(String filter) {
        return reading(() -> load(IndexQueries.lastMatching(index, filter)));
    }

    @Override
    public long lastSequenceOf(String subject) {
        return reading(() -> index.lastSequenceOf(subject));
    }

    @Override
    public boolean delete(long sequence, boolean erase) {
        return writing("delete", () -> {
            var entry = index.get(sequence);
            if (entry == null) {
                return false;
            }
            var frame = erase ? entry.segment().read(entry.offset(), entry.frameLength()) : null;
            removeLocked(sequence);
            if (erase) {
                rewrites.erase(entry, encoder.erasure(frame));
            }

            return true;
        });
    }

    @Override
    public long purge(String filter, long upToSequence, long keep) {
        return writing("purge", () -> {
            if (SubjectFilter.isAll(filter) && keep <= 0) {
                return purgeBelow(upToSequence <= 0 ? index.lastSequence() + 1 : upToSequence);
            }
            var purged = 0L;
            for (var sequence : Retention.purgeSelection(index, filter, upToSequence, keep)) {
                purged += removeLocked(sequence) ? 1 : 0;
            }

            return purged;
        });
    }

    @Override
    public long messageSize(String subject, byte[] headers, byte[] payload) {
        return StoreLimits.fileMessageSize(subject, headers, payload);
    }

    @Override
    public long expire(long nowNanos) {
        return writing("expire", () -> Retention.age(index, limits, nowNanos, this::removeLocked));
    }

    @Override
    public void updateLimits(StoreLimits limits) {
        writing("update limits", () -> {
            this.limits = limits;
            return Retention.all(index, limits, this::removeLocked);
        });
    }

    /** Starts a new segment when the compression changes, since a segment's header sets it for all its frames. */
    @Override
    public void updateCompression(StoreCompression compression) {
        writing("update compression", () -> {
            var compress = compression == StoreCompression.S2;
            if (compress != compressed) {
                compressed = compress;
                roll();
            }
            return compress;
        });
    }

    /**
     * Compacts the first sealed segment worth it, holding the sync lock throughout so that no sync forces a file being
     * replaced: the plan under the read lock, the new file written and forced under no lock (readers go on, and the
     * caller is the writer), the rename and the move of the index entries under the write lock. A failure before the
     * rename leaves the segment as it was and pauses compaction for a minute; one after it fails the store.
     */
    @Override
    public long compactSegments() {
        syncLock.lock();
        try {
            var plan = planCompaction();
            if (plan == null) {
                return 0;
            }
            long newSize;
            try {
                newSize = SegmentCompaction.write(plan);
            } catch (IOException | RuntimeException e) {
                compactionPause.pause(plan.segment(), e);
                return 0;
            }
            if (!replaceCompacted(plan, newSize)) {
                return 0;
            }
            Directories.force(directory);
            var reclaimed = plan.segment().size() - newSize;
            LOG.debug("store={} segment={} compacted, reclaimed bytes={}", directory, plan.segment(), reclaimed);

            return reclaimed;
        } catch (IOException e) {
            throw fail("compact", e);
        } finally {
            syncLock.unlock();
        }
    }

    private SegmentCompaction.Plan planCompaction() {
        lock.readLock().lock();
        try {
            checkWritable();
            if (compactionPause.isPaused()) {
                return null;
            }
            mutationsAtPlan = mutations;

            return SegmentCompaction.choose(segments.all(), index, segmentBytes);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Renames the new file over the segment and points the index at it, unless the store changed meanwhile. */
    private boolean replaceCompacted(SegmentCompaction.Plan plan, long newSize) throws IOException {
        lock.writeLock().lock();
        try {
            if (closed || failure != null || !segments.contains(plan.segment()) || mutations != mutationsAtPlan) {
                Files.deleteIfExists(plan.file());
                return false;
            }
            try {
                SegmentCompaction.replace(plan);
            } catch (IOException e) {
                Files.deleteIfExists(plan.file());
                compactionPause.pause(plan.segment(), e);
                return false;
            }
            segments.replace(plan.segment(), SegmentCompaction.install(plan, newSize, index));

            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void startAt(long firstSequence) {
        writing("start at", () -> {
            Purges.checkStartAt(index, firstSequence);
            index.advanceTo(firstSequence - 1, 0);
            purgeFloor = firstSequence;
            roll();
            return firstSequence;
        });
    }

    /** Freezes the segments as they are now; see {@link StoreSnapshot}. Close it once read. */
    @Override
    public StoreSnapshot snapshot() {
        return writing(
                "snapshot",
                () -> rewrites.track(
                        StoreSnapshot.take(segments.all(), index.state(), lock.readLock(), rewrites::untrack)));
    }

    @Override
    public StreamState state() {
        return reading(index::state);
    }

    @Override
    public List<Long> deletedSequences() {
        return reading(index::deletedSequences);
    }

    @Override
    public Map<String, Long> subjectCounts(String filter) {
        return reading(() -> index.subjectCounts(filter));
    }

    @Override
    public long numPending(long fromSequence, List<String> filters, boolean lastPerSubject) {
        return reading(() -> IndexQueries.numPending(index, fromSequence, filters, lastPerSubject));
    }

    @Override
    public PendingCount numPendingNow(long fromSequence, List<String> filters) {
        return reading(() ->
                new PendingCount(IndexQueries.numPending(index, fromSequence, filters, false), index.lastSequence()));
    }

    /** Syncs what was written, unless the store failed, then releases the files; later calls throw. */
    @Override
    public void close() {
        syncLock.lock();
        try {
            if (!closed && failure == null) {
                sync(true);
            }
        } finally {
            lock.writeLock().lock();
            try {
                if (!closed) {
                    closed = true;
                    releaseFiles();
                }
            } finally {
                lock.writeLock().unlock();
                syncLock.unlock();
            }
        }
    }

    /** Releases the files without a sync, leaving them as a killed process would; for tests. */
    void abandon() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                releaseFiles();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "FileStore[" + directory + "]";
    }

    private void recover() throws IOException {
        highWater = HighWaterMark.open(directory);
        var recovered = SegmentRecovery.recover(directory, index, highWater.recovered());
        segments.recovered(recovered.segments(), recovered.lastSegmentId());
        purgeFloor = recovered.purgeFloor();
        if (segments.isEmpty() || active().size() >= segmentBytes || active().isCompressed() != compressed) {
            roll();
        }
        Retention.all(index, limits, this::removeLocked);
        rewrites.flush();
        sync(true);
        var state = index.state();
        LOG.info(
                "store={} recovered messages={} bytes={} firstSeq={} lastSeq={} segments={}",
                directory,
                state.messages(),
                state.bytes(),
                state.firstSeq(),
                state.lastSeq(),
                segments.size());
    }

    /** A mutation of the index and the files, which may fail to write. */
    private interface Mutation<T> {
        T apply() throws IOException;
    }

    /** Runs a mutation under the write lock, then marks on disk what it removed; a failed write fails the store. */
    private <T> T writing(String operation, Mutation<T> mutation) {
        lock.writeLock().lock();
        try {
            checkWritable();
            mutations++;
            var result = mutation.apply();
            rewrites.flush();

            return result;
        } catch (IOException e) {
            throw fail(operation, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs a query under the read lock. */
    private <T> T reading(Supplier<T> query) {
        lock.readLock().lock();
        try {
            checkOpen();
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private StoredMessage load(long sequence) {
        var entry = sequence == 0 ? null : index.get(sequence);
        if (entry == null) {
            return null;
        }
        var message = entry.segment().readMessage(entry.offset(), entry.frameLength());
        if (message == null) {
            throw new StoreException("store " + directory + " segment " + entry.segment() + " offset " + entry.offset()
                    + " holds a corrupt frame for sequence " + sequence);
        }

        return message;
    }

    private Segment active() {
        return segments.newest();
    }

    private Segment segmentFor(int frameLength) throws IOException {
        var active = active();
        if (active.size() > SegmentFormat.HEADER_SIZE && active.size() + frameLength > segmentBytes) {
            roll();
        }

        return active();
    }

    /** Starts a new segment whose header carries the current last sequence and purge floor. */
    private void roll() throws IOException {
        var header = encoder.header(index.lastSequence(), index.lastTimestampNanos(), purgeFloor, compressed);
        segments.create(header, compressed);
    }

    /**
     * Purges every message below {@code floor}, which may lie past the next sequence, with the floor in a new
     * segment's header rather than a mark on every frame.
     */
    private long purgeBelow(long floor) throws IOException {
        if (floor <= index.firstSequence()) {
            return 0;
        }
        var purged = index.messages();
        if (floor > index.lastSequence()) {
            index.clear();
            segments.all().forEach(Segment::clearLive);
        } else {
            FileEntry.removeBelow(index, floor);
            purged -= index.messages();
        }
        index.advanceTo(floor - 1, index.lastTimestampNanos());
        purgeFloor = floor;
        roll();

        return purged;
    }

    private boolean removeLocked(long sequence) {
        var entry = index.remove(sequence);
        if (entry == null) {
            return false;
        }
        entry.segment().removeLive(entry.frameLength());
        rewrites.removed(entry);

        return true;
    }

    private void removeSegments(List<Segment> empty) throws IOException {
        if (empty.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            segments.remove(empty);
        } finally {
            lock.writeLock().unlock();
        }
        Directories.force(directory);
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("store " + directory + " is closed");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (failure != null) {
            throw new StoreException("store " + directory + " failed to write and refuses writes", failure);
        }
    }

    private StoreException fail(String operation, IOException e) {
        if (failure == null) {
            failure = e;
            LOG.error("store={} failed to {} and refuses further writes until reopened", directory, operation, e);
        }

        return new StoreException("store " + directory + " failed to " + operation, e);
    }

    private void releaseFiles() {
        segments.closeAll();
        if (highWater != null) {
            highWater.close();
        }
        try {
            lockFile.close();
        } catch (IOException e) {
            LOG.warn("store={} lock file did not close cleanly", directory, e);
        }
    }
}
