package io.junction.jetstream.transform;

/**
 * What nats-server's {@code subjectInfo} tells of a transform's source or destination: whether it is a valid
 * subject (no empty token, nothing after {@code >}), its tokens, how many {@code *} and whether it ends in {@code >}.
 */
record SubjectInfo(boolean valid, String[] tokens, int partialWildcards, boolean fullWildcard) {
    static SubjectInfo of(String subject) {
        if (subject.isEmpty()) {
            return new SubjectInfo(false, new String[0], 0, false);
        }
        var tokens = subject.split("\\.", -1);
        var partial = 0;
        var full = false;
        for (var token : tokens) {
            if (token.isEmpty() || full) {
                return new SubjectInfo(false, tokens, 0, false);
            }
            if (token.equals(">")) {
                full = true;
            } else if (token.equals("*")) {
                partial++;
            }
        }
        return new SubjectInfo(true, tokens, partial, full);
    }
}
