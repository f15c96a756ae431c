package io.junction.jetstream.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
        lock.writeLock().lock();
        try {
            checkOpen();
            var sequence = index.lastSequence() + 1;
            var message = new StoredMessage(sequence, index.canonical(subject), headers, payload, timestampNanos);
            index.add(sequence, new MemoryEntry(message));
            Retention.afterAppend(index, limits, subject, this::removeLocked);

            return sequence;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void sync() {}

    @Override
    public StoredMessage get(long sequence) {
        lock.readLock().lock();
        try {
            checkOpen();
            return message(sequence);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public StoredMessage nextMatching(String filter, long fromSequence) {
        lock.readLock().lock();
        try {
            checkOpen();
            return message(IndexQueries.nextMatching(index, filter, fromSequence));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public StoredMessage lastMatching(String filter) {
        lock.readLock().lock();
        try {
            checkOpen();
            return message(IndexQueries.lastMatching(index, filter));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long lastSequenceOf(String subject) {
        lock.readLock().lock();
        try {
            checkOpen();
            return index.lastSequenceOf(subject);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean delete(long sequence, boolean erase) {
        lock.writeLock().lock();
        try {
            checkOpen();
            return removeLocked(sequence);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long purge(String filter, long upToSequence, long keep) {
        lock.writeLock().lock();
        try {
            checkOpen();
            if (Purges.isFloorMove(filter, upToSequence, keep, index.lastSequence())) {
                var purged = index.messages();
                index.clear();
                index.advanceTo(Math.max(upToSequence, 1) - 1, index.lastTimestampNanos());
                return purged;
            }
            var purged = 0L;
            for (var sequence : Retention.purgeSelection(index, filter, upToSequence, keep)) {
                purged += removeLocked(sequence) ? 1 : 0;
            }
            return purged;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long expire(long nowNanos) {
        lock.writeLock().lock();
        try {
            checkOpen();
            return Retention.age(index, limits, nowNanos, this::removeLocked)
                    + Retention.all(index, limits, this::removeLocked);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void updateLimits(StoreLimits limits) {
        lock.writeLock().lock();
        try {
            checkOpen();
            this.limits = limits;
            Retention.all(index, limits, this::removeLocked);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void startAt(long firstSequence) {
        lock.writeLock().lock();
        try {
            checkOpen();
            Purges.checkStartAt(index, firstSequence);
            index.advanceTo(firstSequence - 1, 0);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public StreamState state() {
        lock.readLock().lock();
        try {
            checkOpen();
            return index.state();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Long> deletedSequences() {
        lock.readLock().lock();
        try {
            checkOpen();
            return index.deletedSequences();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Map<String, Long> subjectCounts(String filter) {
        lock.readLock().lock();
        try {
            checkOpen();
            return index.subjectCounts(filter);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long numPending(long fromSequence, List<String> filters, boolean lastPerSubject) {
        lock.readLock().lock();
        try {
            checkOpen();
            return IndexQueries.numPending(index, fromSequence, filters, lastPerSubject);
        } finally {
            lock.readLock().unlock();
        }
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

    private StoredMessage message(long sequence) {
        var entry = sequence == 0 ? null : index.get(sequence);

        return entry == null ? null : entry.message();
    }

    private boolean removeLocked(long sequence) {
        return index.remove(sequence) != null;
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
    }
}
