package io.junction.jetstream.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The simplest store that could work, for property tests to compare against: a sorted map, scanned for every
 * question, with wildcard matching written independently of the production code.
 */
final class ReferenceStore {
    final TreeMap<Long, StoredMessage> messages = new TreeMap<>();
    long lastSequence;
    long lastTimestamp;
    StoreLimits limits;
    private final ToLongFunction<StoredMessage> sizeOf;

    /** @param sizeOf the size the store under comparison counts for a message */
    ReferenceStore(StoreLimits limits, ToLongFunction<StoredMessage> sizeOf) {
        this.limits = limits;
        this.sizeOf = sizeOf;
    }

    long append(String subject, byte[] headers, byte[] payload, long timestamp) {
        var sequence = ++lastSequence;
        lastTimestamp = timestamp;
        messages.put(sequence, new StoredMessage(sequence, subject, headers, payload, timestamp));
        applyLimits();

        return sequence;
    }

    boolean delete(long sequence) {
        return messages.remove(sequence) != null;
    }

    long purge(String filter, long upTo, long keep) {
        if (isAll(filter) && keep <= 0 && (upTo <= 0 || upTo > lastSequence)) {
            var purged = messages.size();
            messages.clear();
            lastSequence = Math.max(lastSequence, upTo - 1);
            return purged;
        }
        var matching = messages.values().stream()
                .filter(m -> matches(m.subject(), filter))
                .map(StoredMessage::sequence)
                .toList();
        var purged = 0L;
        for (var sequence : matching.subList(0, (int) Math.max(0, matching.size() - keep))) {
            if (upTo <= 0 || sequence < upTo) {
                messages.remove(sequence);
                purged++;
            }
        }

        return purged;
    }

    long expire(long now) {
        var before = messages.size();
        if (limits.maxAgeNanos() > 0) {
            while (!messages.isEmpty()
                    && messages.firstEntry().getValue().timestampNanos() <= now - limits.maxAgeNanos()) {
                messages.pollFirstEntry();
            }
        }

        return before - messages.size();
    }

    void updateLimits(StoreLimits limits) {
        this.limits = limits;
        applyLimits();
    }

    StreamState state() {
        var subjects = new HashSet<String>();
        var bytes = 0L;
        for (var message : messages.values()) {
            subjects.add(message.subject());
            bytes += sizeOf.applyAsLong(message);
        }
        var first = messages.isEmpty() ? lastSequence + 1 : messages.firstKey();
        var deleted = messages.isEmpty() ? 0 : lastSequence - first + 1 - messages.size();
        var firstTime =
                messages.isEmpty() ? 0 : messages.firstEntry().getValue().timestampNanos();

        return new StreamState(
                messages.size(), bytes, first, firstTime, lastSequence, lastTimestamp, subjects.size(), deleted);
    }

    List<Long> deletedSequences() {
        var deleted = new ArrayList<Long>();
        if (!messages.isEmpty()) {
            for (var sequence = messages.firstKey(); sequence <= lastSequence; sequence++) {
                if (!messages.containsKey(sequence)) {
                    deleted.add(sequence);
                }
            }
        }

        return deleted;
    }

    Map<String, Long> subjectCounts(String filter) {
        var counts = new HashMap<String, Long>();
        for (var message : messages.values()) {
            if (matches(message.subject(), filter)) {
                counts.merge(message.subject(), 1L, Long::sum);
            }
        }

        return counts;
    }

    StoredMessage nextMatching(String filter, long from) {
        return messages.tailMap(from, true).values().stream()
                .filter(m -> matches(m.subject(), filter))
                .findFirst()
                .orElse(null);
    }

    StoredMessage lastMatching(String filter) {
        return messages.descendingMap().values().stream()
                .filter(m -> matches(m.subject(), filter))
                .findFirst()
                .orElse(null);
    }

    long numPending(long from, List<String> filters, boolean lastPerSubject) {
        var tail = messages.tailMap(from, true).values().stream()
                .filter(m -> filters.isEmpty() || filters.stream().anyMatch(f -> matches(m.subject(), f)));

        return lastPerSubject ? tail.map(StoredMessage::subject).distinct().count() : tail.count();
    }

    private void applyLimits() {
        if (limits.maxMsgsPerSubject() > 0) {
            for (var subject : subjectCounts(null).keySet()) {
                var ofSubject = messages.values().stream()
                        .filter(m -> m.subject().equals(subject))
                        .map(StoredMessage::sequence)
                        .toList();
                for (var i = 0; i < ofSubject.size() - limits.maxMsgsPerSubject(); i++) {
                    messages.remove(ofSubject.get(i));
                }
            }
        }
        if (limits.discardOld()) {
            while (limits.maxMsgs() > 0 && messages.size() > limits.maxMsgs()) {
                messages.pollFirstEntry();
            }
            while (limits.maxBytes() > 0 && state().bytes() > limits.maxBytes()) {
                messages.pollFirstEntry();
            }
        }
    }

    static boolean isAll(String filter) {
        return filter == null || filter.isEmpty() || filter.equals(">");
    }

    /** Token-list matching, written independently of the production code. */
    static boolean matches(String subject, String filter) {
        if (isAll(filter)) {
            return true;
        }
        var s = subject.split("\\.");
        var f = filter.split("\\.");
        for (var i = 0; i < f.length; i++) {
            if (f[i].equals(">")) {
                return s.length > i;
            }
            if (i >= s.length || !(f[i].equals("*") || f[i].equals(s[i]))) {
                return false;
            }
        }

        return s.length == f.length;
    }
}
