package io.junction.jetstream.store;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Which messages the limits and purges remove, decided on the index alone; the store removes each through the
 * callback, which returns whether a message went, so the counts here are what really left.
 */
final class Retention {
    private Retention() {}

    /** The limits after a message on {@code subject} was added: the subject's own limit, then the totals. */
    static long afterAppend(MessageIndex<?> index, StoreLimits limits, String subject, LongPredicate remove) {
        var removed = 0L;
        if (limits.maxMsgsPerSubject() > 0) {
            removed += trimSubject(index, subject, limits.maxMsgsPerSubject(), remove);
        }

        return removed + totals(index, limits, remove);
    }

    /** Every limit but age, over every subject, as after a change of limits. */
    static long all(MessageIndex<?> index, StoreLimits limits, LongPredicate remove) {
        var removed = 0L;
        if (limits.maxMsgsPerSubject() > 0) {
            for (var subject : index.subjectsOverLimit(limits.maxMsgsPerSubject())) {
                removed += trimSubject(index, subject, limits.maxMsgsPerSubject(), remove);
            }
        }

        return removed + totals(index, limits, remove);
    }

    /** Removes the oldest messages while they are at least {@code maxAge} old; stops at the first younger one. */
    static long age(MessageIndex<?> index, StoreLimits limits, long nowNanos, LongPredicate remove) {
        if (limits.maxAgeNanos() <= 0) {
            return 0;
        }
        var cutoff = nowNanos - limits.maxAgeNanos();
        var removed = 0L;
        while (index.messages() > 0 && index.get(index.firstSequence()).timestampNanos() <= cutoff) {
            if (!remove.test(index.firstSequence())) {
                break;
            }
            removed++;
        }

        return removed;
    }

    /**
     * The sequences a purge removes, ascending: those matching the filter and below {@code upToSequence} (0 for no
     * bound), except the newest {@code keep} messages matching the filter.
     */
    static long[] purgeSelection(MessageIndex<?> index, String filter, long upToSequence, long keep) {
        var matching = SubjectFilter.isAll(filter) ? allSequences(index) : sequencesOf(index, filter);
        var count = (int) Math.max(0, matching.length - keep);
        if (upToSequence > 0) {
            var below = Arrays.binarySearch(matching, 0, count, upToSequence);
            count = below >= 0 ? below : -below - 1;
        }

        return Arrays.copyOf(matching, count);
    }

    private static long totals(MessageIndex<?> index, StoreLimits limits, LongPredicate remove) {
        if (!limits.discardOld()) {
            return 0;
        }
        var removed = 0L;
        while (limits.maxMsgs() > 0 && index.messages() > limits.maxMsgs() && remove.test(index.firstSequence())) {
            removed++;
        }
        while (limits.maxBytes() > 0 && index.bytes() > limits.maxBytes() && remove.test(index.firstSequence())) {
            removed++;
        }

        return removed;
    }

    private static long trimSubject(MessageIndex<?> index, String subject, long max, LongPredicate remove) {
        var removed = 0L;
        while (index.count(subject) > max && remove.test(index.oldestOf(subject))) {
            removed++;
        }

        return removed;
    }

    private static long[] allSequences(MessageIndex<?> index) {
        var entries = index.entries();
        var sequences = new long[(int) entries.size()];
        var at = 0;
        for (var sequence = entries.first(); sequence != 0; sequence = entries.ceiling(sequence + 1)) {
            sequences[at++] = sequence;
        }

        return sequences;
    }

    private static long[] sequencesOf(MessageIndex<?> index, String filter) {
        var total = 0;
        var matching = IndexQueries.matchingSubjects(index, List.of(filter));
        for (var sequences : matching) {
            total += sequences.size();
        }
        var all = new long[total];
        var at = 0;
        for (var sequences : matching) {
            for (var i = 0; i < sequences.size(); i++) {
                all[at++] = sequences.get(i);
            }
        }
        Arrays.sort(all);

        return all;
    }
}
