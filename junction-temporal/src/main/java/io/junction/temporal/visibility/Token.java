package io.junction.temporal.visibility;

import java.util.Locale;

/**
 * One lexical token of a list filter.
 *
 * @param text the identifier, the unescaped string, the number or the operator as written
 * @param end the offset just past the token in the query, for error positions
 */
record Token(Kind kind, String text, int end) {
    enum Kind {
        IDENTIFIER,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        OPERATOR,
        END
    }

    /** Whether this is the unquoted keyword, compared case-insensitively. */
    boolean is(String keyword) {
        return kind == Kind.IDENTIFIER && text.toUpperCase(Locale.ROOT).equals(keyword);
    }

    boolean isOperator(String operator) {
        return kind == Kind.OPERATOR && text.equals(operator);
    }
}
