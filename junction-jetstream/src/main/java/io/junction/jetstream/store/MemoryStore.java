package io.junction.jetstream.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The store for {@code storage: memory}: the messages live in the shared index itself. Writers take the write lock
 * and readers the read lock, so readers proceed together and see each write whole. Nothing survives the process.
 */
public final class MemoryStore implements MessageStore {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final MessageIndex<MemoryEntry> index = new MessageIndex<>();
    private StoreLimits limits;
    private boolean closed;

    public MemoryStore(StoreLimits limits) {
        this.limits = limits;
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
        return writing(() -> {
            var sequence = at == 0 ? index.lastSequence() + 1 : at;
            index.reserve(sequence);
            var message = new StoredMessage(sequence, index.canonical(subject), headers, payload, timestampNanos);
            index.add(sequence, new MemoryEntry(message));
            Retention.afterAppend(index, limits, subject, this::remove);

            return sequence;
        });
    }

    @Override
    public void sync() {}

    @Override
    public StoredMessage get(long sequence) {
        return reading(() -> message(sequence));
    }

    @Override
    public StoredMessage nextMatching(String filter, long fromSequence) {
        return reading(() -> message(IndexQueries.nextMatching(index, filter, fromSequence)));
    }

    @Override
    public StoredMessage lastMatching(String filter) {
        return reading(() -> message(IndexQueries.lastMatching(index, filter)));
    }

    @Override
    public long lastSequenceOf(String subject) {
        return reading(() -> index.lastSequenceOf(subject));
    }

    @Override
    public boolean delete(long sequence, boolean erase) {
        return writing(() -> remove(sequence));
    }

    @Override
    public long purge(String filter, long upToSequence, long keep) {
        return writing(() -> {
            if (Purges.isFloorMove(filter, upToSequence, keep, index.lastSequence())) {
                var purged = index.messages();
                index.clear();
                index.advanceTo(Math.max(upToSequence, 1) - 1, index.lastTimestampNanos());
                return purged;
            }
            var purged = 0L;
            for (var sequence : Retention.purgeSelection(index, filter, upToSequence, keep)) {
                purged += remove(sequence) ? 1 : 0;
            }

            return purged;
        });
    }

    @Override
    public long messageSize(String subject, byte[] headers, byte[] payload) {
        return StoreLimits.messageSize(subject, headers, payload);
    }

    @Override
    public long expire(long nowNanos) {
        return writing(() -> Retention.age(index, limits, nowNanos, this::remove));
    }

    /** Memory holds every message as it was given; nats-server's memory store ignores compression too. */
    @Override
    public void updateCompression(StoreCompression compression) {}

    /** A removed message frees its memory at once. */
    @Override
    public long compactSegments() {
        return 0;
    }

    @Override
    public void updateLimits(StoreLimits limits) {
        writing(() -> {
            this.limits = limits;
            return Retention.all(index, limits, this::remove);
        });
    }

    @Override
    public void startAt(long firstSequence) {
        writing(() -> {
            Purges.checkStartAt(index, firstSequence);
            index.advanceTo(firstSequence - 1, 0);
            return firstSequence;
        });
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

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            index.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T writing(Supplier<T> mutation) {
        lock.writeLock().lock();
        try {
            checkOpen();
            return mutation.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T reading(Supplier<T> query) {
        lock.readLock().lock();
        try {
            checkOpen();
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private StoredMessage message(long sequence) {
        var entry = sequence == 0 ? null : index.get(sequence);

        return entry == null ? null : entry.message();
    }

    private boolean remove(long sequence) {
        return index.remove(sequence) != null;
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
    }
}
