package io.junction.temporal.visibility;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How list filter literals compare with record values, and how they print back as query text. */
final class Values {
    private Values() {}

    /** The order of a record value against a literal, or {@code null} when they are not comparable. */
    static Integer compare(Column column, Object actual, Object literal) {
        if (column.isExecutionStatus() && actual instanceof String left && literal instanceof String right) {
            return Integer.compare(statusNumber(left), statusNumber(right));
        }
        return switch (actual) {
            case Instant left when literal instanceof Instant right -> left.compareTo(right);
            case Long left when literal instanceof Long right -> Long.compare(left, right);
            case Number left
            when literal instanceof Number right -> Double.compare(left.doubleValue(), right.doubleValue());
            case String left when literal instanceof String right -> left.compareTo(right);
            case Boolean left when literal instanceof Boolean right -> left.compareTo(right);
            default -> null;
        };
    }

    /** Whether every word of the query occurs in the text, ignoring case: a full-text match. */
    static boolean textMatches(String text, String query) {
        var wanted = words(query);
        return !wanted.isEmpty() && words(text).containsAll(wanted);
    }

    /** For KeywordList: whether the list holds any of the values, or with {@code negated} none of them. */
    static Truth contains(Object actual, List<Object> values, boolean negated) {
        List<?> items = actual instanceof List<?> list ? list : List.of(actual);
        var found = values.stream().anyMatch(items::contains);
        return Truth.of(found != negated);
    }

    static void print(Object value, StringBuilder out) {
        switch (value) {
            case String text ->
                out.append('\'')
                        .append(text.replace("\\", "\\\\").replace("'", "''"))
                        .append('\'');
            case Instant instant ->
                out.append('\'').append(Datetimes.format(instant)).append('\'');
            default -> out.append(value);
        }
    }

    private static int statusNumber(String name) {
        return TemporalNames.parseStatus(name).map(status -> status.getNumber()).orElse(-1);
    }

    private static Set<String> words(String text) {
        var words = new HashSet<String>();
        for (var word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
