package io.junction.jetstream.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping both stores share: entries by sequence, sequences by subject, counts and the last sequence. It
 * answers every query that needs no message bytes; the stores add where the bytes live.
 *
 * <p>Not thread-safe: the owning store guards it with its lock.
 */
final class MessageIndex<E extends IndexEntry> {
    private final SequenceRing<E> entries = new SequenceRing<>();
    private final Map<String, SubjectSequences> subjects = new HashMap<>();
    private long lastSequence;
    private long lastTimestampNanos;
    private long bytes;

    long messages() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    long lastSequence() {
        return lastSequence;
    }

    /** The first stored sequence, or {@code lastSequence + 1} when empty. */
    long firstSequence() {
        return entries.size() == 0 ? lastSequence + 1 : entries.first();
    }

    E get(long sequence) {
        return entries.get(sequence);
    }

    /** The subject string already held for this subject, so that entries share one copy. */
    String canonical(String subject) {
        var sequences = subjects.get(subject);

        return sequences == null ? subject : sequences.subject();
    }

    /** Makes room for the next sequence before its message is written anywhere, so that adding it cannot fail. */
    void reserveNext() {
        reserve(lastSequence + 1);
    }

    /** Makes room for this sequence, above the last, so that adding it cannot fail. */
    void reserve(long sequence) {
        if (sequence <= lastSequence) {
            throw new IllegalArgumentException("sequence " + sequence + " is not above " + lastSequence);
        }
        entries.reserve(sequence);
    }

    void add(long sequence, E entry) {
        if (sequence <= lastSequence) {
            throw new IllegalArgumentException("sequence " + sequence + " is not above " + lastSequence);
        }
        entries.add(sequence, entry);
        subjects.computeIfAbsent(entry.subject(), SubjectSequences::new).add(sequence);
        bytes += entry.storedSize();
        lastSequence = sequence;
        lastTimestampNanos = entry.timestampNanos();
    }

    /** Raises the last sequence without storing a message, as a deleted record or a purge floor does. */
    void advanceTo(long sequence, long timestampNanos) {
        if (sequence > lastSequence) {
            lastSequence = sequence;
            lastTimestampNanos = timestampNanos;
        }
    }

    long lastTimestampNanos() {
        return lastTimestampNanos;
    }

    /** Points a stored sequence at the same message's new location; subject and size must not change. */
    void relocate(long sequence, E entry) {
        if (!entries.replace(sequence, entry)) {
            throw new IllegalStateException("sequence " + sequence + " holds no message to relocate");
        }
    }

    E remove(long sequence) {
        var entry = entries.remove(sequence);
        if (entry == null) {
            return null;
        }
        var sequences = subjects.get(entry.subject());
        sequences.remove(sequence);
        if (sequences.size() == 0) {
            subjects.remove(entry.subject());
        }
        bytes -= entry.storedSize();

        return entry;
    }

    /** Removes every entry; the last sequence stays. */
    void clear() {
        entries.clear(lastSequence + 1);
        subjects.clear();
        bytes = 0;
    }

    long count(String subject) {
        var sequences = subjects.get(subject);

        return sequences == null ? 0 : sequences.size();
    }

    long oldestOf(String subject) {
        var sequences = subjects.get(subject);

        return sequences == null ? 0 : sequences.first();
    }

    long lastSequenceOf(String subject) {
        var sequences = subjects.get(subject);

        return sequences == null ? 0 : sequences.last();
    }

    List<String> subjectsOverLimit(long maxPerSubject) {
        var over = new ArrayList<String>();
        for (var sequences : subjects.values()) {
            if (sequences.size() > maxPerSubject) {
                over.add(sequences.subject());
            }
        }

        return over;
    }

    StreamState state() {
        var messages = entries.size();
        var first = firstSequence();
        var firstEntry = entries.get(first);
        var deleted = messages == 0 ? 0 : lastSequence - first + 1 - messages;

        return new StreamState(
                messages,
                bytes,
                first,
                firstEntry == null ? 0 : firstEntry.timestampNanos(),
                lastSequence,
                lastTimestampNanos,
                subjects.size(),
                deleted);
    }

    /** The sequences between the first and the last that hold no message. */
    List<Long> deletedSequences() {
        var deleted = new ArrayList<Long>();
        if (entries.size() == 0) {
            return deleted;
        }
        for (var sequence = entries.first(); sequence <= lastSequence; sequence++) {
            if (entries.get(sequence) == null) {
                deleted.add(sequence);
            }
        }

        return deleted;
    }

    Map<String, Long> subjectCounts(String filter) {
        var counts = new HashMap<String, Long>();
        if (SubjectFilter.isLiteral(filter)) {
            var sequences = subjects.get(filter);
            if (sequences != null) {
                counts.put(filter, (long) sequences.size());
            }
            return counts;
        }
        for (var sequences : subjects.values()) {
            if (SubjectFilter.matches(sequences.subject(), filter)) {
                counts.put(sequences.subject(), (long) sequences.size());
            }
        }

        return counts;
    }

    Map<String, SubjectSequences> subjects() {
        return subjects;
    }

    SequenceRing<E> entries() {
        return entries;
    }
}
