package io.junction.jetstream.store;

import io.junction.nats.subject.Subjects;

/** A subject filter as the store's callers pass it: null, empty and {@code >} match every subject. */
final class SubjectFilter {
    private SubjectFilter() {}

    static boolean isAll(String filter) {
        return filter == null || filter.isEmpty() || filter.equals(Subjects.FULL_WILDCARD);
    }

    static boolean isLiteral(String filter) {
        return !isAll(filter) && Subjects.isLiteral(filter);
    }

    static boolean matches(String subject, String filter) {
        return isAll(filter) || Subjects.matches(subject, filter);
    }
}
