package io.junction.jetstream.store;

import java.util.List;
import java.util.Map;

/**
 * A stream's messages, in sequence order, with a per-subject index.
 *
 * <h2>Threading</h2>
 * One writer (the stream's) calls the mutating methods; readers (consumers, direct get, the API) may call the reading
 * methods concurrently from any thread. {@link #sync} may also run on a thread of its own, concurrently with the
 * writer's appends (a group-commit thread). Implementations are thread-safe on those terms. Do not interrupt the
 * writer or the syncing thread: an interrupted write or sync fails the store like any I/O failure.
 *
 * <h2>Durability</h2>
 * {@link #append} makes a message visible to readers at once; only {@link #sync} makes everything appended so far
 * durable. The stream acknowledges a publish after the {@code sync} that covers it, and batches many appends per
 * sync (group commit). Every other mutation (delete, purge, expire, the limits' evictions, {@link #startAt}) is
 * likewise visible at once and durable once a later {@code sync} completes. A file store recovers after a crash every
 * message that a completed {@code sync} covered, and never reuses a sequence number that a completed {@code sync}
 * covered, even when every message was deleted.
 *
 * <h2>Ownership</h2>
 * A store may keep the arrays passed to {@link #append} and may hand out the arrays it holds: neither side modifies
 * them afterwards.
 *
 * <h2>Failures</h2>
 * I/O failures surface as {@link StoreException}; a store that failed to write refuses further writes. Every method
 * but {@link #close} throws {@link StoreException} once the store is closed.
 */
public interface MessageStore extends AutoCloseable {
    /**
     * Stores a message under the next sequence, then applies the limits but {@code max_age} (see {@link #expire}), and
     * returns its sequence.
     *
     * @param subject a literal subject of at most 65535 Latin-1 characters
     * @param headers the raw header block, or null
     */
    long append(String subject, byte[] headers, byte[] payload, long timestampNanos);

    /**
     * Stores a message under {@code sequence}, which must lie above the last sequence; the sequences skipped count as
     * deleted, and on an empty store the message becomes the first. A mirror keeps its origin's sequences this way.
     *
     * @throws IllegalArgumentException when {@code sequence} is not above the last sequence
     */
    long appendAt(long sequence, String subject, byte[] headers, byte[] payload, long timestampNanos);

    /**
     * The bytes the message would count for in this store's state and its {@code max_bytes}: what nats-server's store
     * of the same kind counts, so that limits hold the same messages.
     */
    long messageSize(String subject, byte[] headers, byte[] payload);

    /** Makes every append and other mutation so far durable (fsync); a no-op for memory storage. */
    void sync();

    /** The message at this sequence, or null when there is none (never stored, deleted, purged or expired). */
    StoredMessage get(long sequence);

    /** The first message at or after {@code fromSequence} whose subject matches the filter (wildcards allowed). */
    StoredMessage nextMatching(String filter, long fromSequence);

    /** The last message whose subject matches the filter (wildcards allowed), or null. */
    StoredMessage lastMatching(String filter);

    /** The sequence of the last message on exactly this subject, or 0 when it has none. */
    long lastSequenceOf(String subject);

    /** Removes one message; false when there was none. {@code erase} overwrites its bytes on disk first. */
    boolean delete(long sequence, boolean erase);

    /**
     * Removes messages and returns how many went: those matching {@code filter} (null, empty or {@code >} for all),
     * only below {@code upToSequence} (0 for no bound), except the newest {@code keep} of those matching the filter in
     * total (0 keeps none). Purging everything moves the first sequence past the last; with no filter and no keep, a
     * bound above the last sequence also moves the sequences on, so that the next message gets {@code upToSequence}
     * (nats-server's compact).
     */
    long purge(String filter, long upToSequence, long keep);

    /**
     * Removes the messages that {@code max_age} expires as of now, oldest first up to the first younger one, and
     * returns how many went. The other limits need no call: they hold after every append and change of limits.
     */
    long expire(long nowNanos);

    /** Replaces the limits and applies them at once. */
    void updateLimits(StoreLimits limits);

    /**
     * Writes messages stored from now on with this compression; those stored before stay as they are and readable. A
     * memory store ignores it.
     */
    void updateCompression(StoreCompression compression);

    /**
     * Gives back the space of deleted messages where enough of it has gathered, doing a bounded amount of work (for
     * the file store, at most one segment) so that the writer may call it after every batch, once the batch is
     * acknowledged. Returns the bytes given back, 0 when there was nothing worth it. Changes nothing a reader sees:
     * state, deleted sequences and messages stay as they were. A mutating method: only the writer calls it.
     */
    long compactSegments();

    /**
     * On an empty store, makes {@code firstSequence} the next sequence.
     *
     * @throws IllegalStateException when the store holds messages or {@code firstSequence} is not above the last
     *     sequence, since sequences never move back
     */
    void startAt(long firstSequence);

    /**
     * Freezes the store's files as they are now, for a stream snapshot, while writes go on; the caller closes it once
     * read. A mutating method: only the writer calls it.
     *
     * @throws UnsupportedOperationException for a store without files (memory), as nats-server's memory store has
     *     no snapshots
     */
    default StoreSnapshot snapshot() {
        throw new UnsupportedOperationException("no impl");
    }

    StreamState state();

    /** Interior sequences between first and last that hold no message, ascending. */
    List<Long> deletedSequences();

    /** Message counts by subject, for the subjects matching the filter (wildcards allowed). */
    Map<String, Long> subjectCounts(String filter);

    /**
     * How many messages at or after {@code fromSequence} match any of the filters (all messages when filters is
     * empty); with {@code lastPerSubject}, how many distinct subjects have their last message there.
     */
    long numPending(long fromSequence, List<String> filters, boolean lastPerSubject);

    /**
     * {@link #numPending} without {@code lastPerSubject}, with the last sequence that count covers, both read at
     * once, so that a caller extending the count later neither misses nor counts twice a message appended meanwhile.
     */
    PendingCount numPendingNow(long fromSequence, List<String> filters);

    /** A count of matching messages and the last sequence in the store when it was taken. */
    record PendingCount(long count, long lastSequence) {}

    @Override
    void close();
}
