package io.junction.nats.subject;

import java.util.List;

/**
 * The interests a literal subject reaches: every plain one, and each queue group with all of its members.
 *
 * <p>Immutable once built, so it is shared freely between publishing threads and the match cache.
 */
public record MatchResult<T extends Interest>(List<T> plain, List<List<T>> queueGroups) {
    private static final MatchResult<?> EMPTY = new MatchResult<>(List.of(), List.of());

    @SuppressWarnings("unchecked")
    public static <T extends Interest> MatchResult<T> empty() {
        return (MatchResult<T>) EMPTY;
    }

    public boolean isEmpty() {
        return plain.isEmpty() && queueGroups.isEmpty();
    }

    /** How many interests a message would reach: every plain one and one member per queue group. */
    public int fanout() {
        return plain.size() + queueGroups.size();
    }
}
