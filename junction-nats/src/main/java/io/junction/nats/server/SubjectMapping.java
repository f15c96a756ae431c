package io.junction.nats.server;

import io.junction.nats.subject.Subjects;

/**
 * One of nats-server's account subject mappings, in the two forms Junction needs: a literal subject to another, or
 * every subject under a prefix ({@code a.b.>}) to the same tokens under another ({@code c.>}).
 */
record SubjectMapping(String source, String destination) {
    private static final String ALL = "." + Subjects.FULL_WILDCARD;

    SubjectMapping {
        var prefixed = source.endsWith(ALL);
        if (!Subjects.isValidSubject(source)
                || !Subjects.isValidSubject(destination)
                || prefixed != destination.endsWith(ALL)
                || !Subjects.isLiteral(prefix(source))
                || !Subjects.isLiteral(prefix(destination))) {
            throw new IllegalArgumentException("unsupported mapping: " + source + " -> " + destination);
        }
    }

    /** The subject a publish on this one goes to, or null when this mapping does not apply. */
    String apply(String subject) {
        if (!source.endsWith(ALL)) {
            return subject.equals(source) ? destination : null;
        }
        var from = source.length() - 1;
        if (subject.length() <= from || !subject.regionMatches(0, source, 0, from)) {
            return null;
        }
        return destination.substring(0, destination.length() - 1) + subject.substring(from);
    }

    private static String prefix(String subject) {
        return subject.endsWith(ALL) ? subject.substring(0, subject.length() - ALL.length()) : subject;
    }
}
