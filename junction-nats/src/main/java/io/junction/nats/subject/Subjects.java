package io.junction.nats.subject;

/**
 * nats-server's subject rules: tokens separated by {@code .}, {@code *} matching one token and {@code >} matching one
 * or more trailing tokens, each a wildcard only when it is a whole token.
 *
 * <p>Subjects travel as Latin-1 strings so that every byte a client sent maps to exactly one char and back.
 */
public final class Subjects {
    public static final char SEPARATOR = '.';
    public static final String SINGLE_WILDCARD = "*";
    public static final String FULL_WILDCARD = ">";

    private Subjects() {}

    /** A subject fit for a subscription: wildcards allowed, {@code >} only as the last token. */
    public static boolean isValidSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            return false;
        }
        var sawFullWildcard = false;
        var tokenStart = 0;
        for (var i = 0; i <= subject.length(); i++) {
            if (i < subject.length() && subject.charAt(i) != SEPARATOR) {
                if (isWhitespace(subject.charAt(i))) {
                    return false;
                }
                continue;
            }
            var tokenLength = i - tokenStart;
            if (tokenLength == 0 || sawFullWildcard) {
                return false;
            }
            if (tokenLength == 1 && subject.charAt(tokenStart) == '>') {
                sawFullWildcard = true;
            }
            tokenStart = i + 1;
        }
        return true;
    }

    /** A subject fit for a publish: valid and without wildcard tokens. */
    public static boolean isValidLiteralSubject(String subject) {
        return isValidSubject(subject) && isLiteral(subject);
    }

    /** True when no token is a wildcard; says nothing of the other rules. */
    public static boolean isLiteral(String subject) {
        var tokenStart = 0;
        for (var i = 0; i <= subject.length(); i++) {
            if (i < subject.length() && subject.charAt(i) != SEPARATOR) {
                continue;
            }
            if (i - tokenStart == 1) {
                var c = subject.charAt(tokenStart);
                if (c == '*' || c == '>') {
                    return false;
                }
            }
            tokenStart = i + 1;
        }
        return true;
    }

    /** Queue group names follow the token rules for whitespace; nats-server refuses none otherwise. */
    public static boolean isValidQueueName(String queue) {
        if (queue.isEmpty()) {
            return false;
        }
        for (var i = 0; i < queue.length(); i++) {
            if (isWhitespace(queue.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the literal subject is matched by the pattern, which may hold wildcards.
     *
     * <p>Both arguments are assumed valid. A pattern without wildcards matches only its own text.
     */
    public static boolean matches(String literal, String pattern) {
        var l = 0;
        var p = 0;
        while (true) {
            var lEnd = tokenEnd(literal, l);
            var pEnd = tokenEnd(pattern, p);
            var patternToken = pEnd - p == 1 ? pattern.charAt(p) : 0;
            if (patternToken == '>') {
                return true;
            }
            var sameToken = lEnd - l == pEnd - p && literal.regionMatches(l, pattern, p, lEnd - l);
            if (patternToken != '*' && !sameToken) {
                return false;
            }
            var literalDone = lEnd >= literal.length();
            var patternDone = pEnd >= pattern.length();
            if (literalDone || patternDone) {
                return literalDone && patternDone;
            }
            l = lEnd + 1;
            p = pEnd + 1;
        }
    }

    /**
     * Whether some literal subject could match both patterns, the check nats-server makes for overlapping stream
     * subjects and for permission clauses.
     */
    public static boolean overlaps(String a, String b) {
        var at = tokenize(a);
        var bt = tokenize(b);
        for (var i = 0; ; i++) {
            var aDone = i >= at.length;
            var bDone = i >= bt.length;
            if (aDone || bDone) {
                return aDone && bDone;
            }
            if (at[i].equals(FULL_WILDCARD) || bt[i].equals(FULL_WILDCARD)) {
                return true;
            }
            if (!at[i].equals(SINGLE_WILDCARD) && !bt[i].equals(SINGLE_WILDCARD) && !at[i].equals(bt[i])) {
                return false;
            }
        }
    }

    /** Splits on the separator without regular expressions; empty tokens are kept. */
    public static String[] tokenize(String subject) {
        var count = 1;
        for (var i = 0; i < subject.length(); i++) {
            if (subject.charAt(i) == SEPARATOR) {
                count++;
            }
        }
        var tokens = new String[count];
        var start = 0;
        for (var t = 0; t < count; t++) {
            var end = tokenEnd(subject, start);
            tokens[t] = subject.substring(start, end);
            start = end + 1;
        }
        return tokens;
    }

    private static int tokenEnd(String subject, int from) {
        var end = subject.indexOf(SEPARATOR, from);
        return end < 0 ? subject.length() : end;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }
}
