package io.junction.jetstream.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;

/**
 * The filtered queries over a {@link MessageIndex}. A literal filter goes straight to its subject's sequences; a
 * wildcard filter walks the sequences for as many steps as there are subjects, then falls back to asking each
 * matching subject, so a query costs at most about twice the cheaper of the two ways.
 */
final class IndexQueries {
    private IndexQueries() {}

    /** The first sequence at or after {@code from} whose subject matches, or 0. */
    static long nextMatching(MessageIndex<?> index, String filter, long from) {
        var start = Math.max(from, index.firstSequence());
        if (start > index.lastSequence()) {
            return 0;
        }
        var entries = index.entries();
        if (SubjectFilter.isAll(filter)) {
            return entries.ceiling(start);
        }
        if (SubjectFilter.isLiteral(filter)) {
            var sequences = index.subjects().get(filter);
            return sequences == null ? 0 : sequences.ceiling(start);
        }
        var budget = index.subjects().size();
        var matches = new HashMap<String, Boolean>();
        for (var sequence = entries.ceiling(start); sequence != 0 && budget-- > 0; ) {
            if (matches(matches, entries.get(sequence).subject(), filter)) {
                return sequence;
            }
            sequence = entries.ceiling(sequence + 1);
        }
        var best = 0L;
        for (var sequences : matchingSubjects(index, List.of(filter))) {
            var candidate = sequences.ceiling(start);
            if (candidate != 0 && (best == 0 || candidate < best)) {
                best = candidate;
            }
        }

        return best;
    }

    /** The last sequence whose subject matches, or 0. */
    static long lastMatching(MessageIndex<?> index, String filter) {
        var entries = index.entries();
        if (SubjectFilter.isAll(filter)) {
            return entries.last();
        }
        if (SubjectFilter.isLiteral(filter)) {
            return index.lastSequenceOf(filter);
        }
        var budget = index.subjects().size();
        var matches = new HashMap<String, Boolean>();
        for (var sequence = entries.last(); sequence != 0 && budget-- > 0; ) {
            if (matches(matches, entries.get(sequence).subject(), filter)) {
                return sequence;
            }
            sequence = entries.floor(sequence - 1);
        }
        var best = 0L;
        for (var sequences : matchingSubjects(index, List.of(filter))) {
            best = Math.max(best, sequences.last());
        }

        return best;
    }

    static long numPending(MessageIndex<?> index, long from, List<String> filters, boolean lastPerSubject) {
        var start = Math.max(from, index.firstSequence());
        if (start > index.lastSequence()) {
            return 0;
        }
        var all = filters.isEmpty() || filters.stream().anyMatch(SubjectFilter::isAll);
        if (all && !lastPerSubject) {
            return countFrom(index.entries(), start);
        }
        var pending = 0L;
        for (var sequences : all ? index.subjects().values() : matchingSubjects(index, filters)) {
            if (lastPerSubject) {
                pending += sequences.last() >= start ? 1 : 0;
            } else {
                pending += sequences.countFrom(start);
            }
        }

        return pending;
    }

    /** The subjects matching any of the filters, each once. */
    static Collection<SubjectSequences> matchingSubjects(MessageIndex<?> index, List<String> filters) {
        var subjects = index.subjects();
        var matching = new ArrayList<SubjectSequences>();
        if (filters.stream().allMatch(SubjectFilter::isLiteral)) {
            for (var filter : filters.stream().distinct().toList()) {
                var sequences = subjects.get(filter);
                if (sequences != null) {
                    matching.add(sequences);
                }
            }
            return matching;
        }
        for (var sequences : subjects.values()) {
            if (filters.stream().anyMatch(filter -> SubjectFilter.matches(sequences.subject(), filter))) {
                matching.add(sequences);
            }
        }

        return matching;
    }

    private static long countFrom(SequenceRing<?> entries, long start) {
        var first = entries.first();
        var last = entries.last();
        if (start <= first) {
            return entries.size();
        }
        if (last - start < start - first) {
            return count(entries, start, last);
        }

        return entries.size() - count(entries, first, start - 1);
    }

    private static long count(SequenceRing<?> entries, long from, long to) {
        var count = 0L;
        for (var sequence = from; sequence <= to; sequence++) {
            if (entries.get(sequence) != null) {
                count++;
            }
        }

        return count;
    }

    private static boolean matches(HashMap<String, Boolean> cache, String subject, String filter) {
        return cache.computeIfAbsent(subject, s -> SubjectFilter.matches(s, filter));
    }
}
