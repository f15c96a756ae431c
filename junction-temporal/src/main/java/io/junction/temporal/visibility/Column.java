package io.junction.temporal.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A search attribute named in a query.
 *
 * @param alias the name as the user wrote it, used in messages and when printing the query
 * @param field the attribute the alias resolved to, which the record is read by
 */
record Column(String alias, String field, IndexedValueType type) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> KEYWORDS = Set.of(
            "AND",
            "OR",
            "NOT",
            "IN",
            "IS",
            "NULL",
            "BETWEEN",
            "LIKE",
            "STARTS_WITH",
            "ORDER",
            "GROUP",
            "BY",
            "LIMIT",
            "ASC",
            "DESC",
            "TRUE",
            "FALSE");

    Object valueOf(VisibilityRecord record) {
        return record.value(field);
    }

    boolean isExecutionStatus() {
        return field.equals(SearchAttributeNames.EXECUTION_STATUS);
    }

    void print(StringBuilder out) {
        if (PLAIN.matcher(alias).matches() && !KEYWORDS.contains(alias.toUpperCase(Locale.ROOT))) {
            out.append(alias);
        } else {
            out.append('`').append(alias.replace("`", "``")).append('`');
        }
    }
}
