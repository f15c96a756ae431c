package io.junction.temporal.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.List;

/** A parsed list filter: boolean connectives over predicates on one search attribute each. */
sealed interface Expression {
    Truth test(VisibilityRecord record);

    /** Appends canonical query text that parses back to an equal expression. */
    void print(StringBuilder out);

    record And(Expression left, Expression right) implements Expression {
        @Override
        public Truth test(VisibilityRecord record) {
            var first = left.test(record);
            return first == Truth.FALSE ? first : first.and(right.test(record));
        }

        @Override
        public void print(StringBuilder out) {
            printOperand(left, out);
            out.append(" AND ");
            printOperand(right, out);
        }
    }

    record Or(Expression left, Expression right) implements Expression {
        @Override
        public Truth test(VisibilityRecord record) {
            var first = left.test(record);
            return first == Truth.TRUE ? first : first.or(right.test(record));
        }

        @Override
        public void print(StringBuilder out) {
            printOperand(left, out);
            out.append(" OR ");
            printOperand(right, out);
        }
    }

    record Not(Expression operand) implements Expression {
        @Override
        public Truth test(VisibilityRecord record) {
            return operand.test(record).not();
        }

        @Override
        public void print(StringBuilder out) {
            out.append("NOT ");
            printOperand(operand, out);
        }
    }

    /** {@code =, !=, <, <=, >, >=}; on Text a token match, on KeywordList a membership test. */
    record Comparison(Column column, String operator, Object value) implements Expression {
        @Override
        public Truth test(VisibilityRecord record) {
            var actual = column.valueOf(record);
            if (actual == null) {
                return Truth.UNKNOWN;
            }
            var type = column.type();
            if (type == IndexedValueType.INDEXED_VALUE_TYPE_TEXT) {
                return actual instanceof String text
                        ? Truth.of(Values.textMatches(text, (String) value) == operator.equals("="))
                        : Truth.UNKNOWN;
            }
            if (type == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST) {
                return Values.contains(actual, List.of(value), operator.equals("!="));
            }
            var order = Values.compare(column, actual, value);
            if (order == null) {
                return Truth.UNKNOWN;
            }
            return Truth.of(
                    switch (operator) {
                        case "=" -> order == 0;
                        case "!=" -> order != 0;
                        case "<" -> order < 0;
                        case "<=" -> order <= 0;
                        case ">" -> order > 0;
                        default -> order >= 0;
                    });
        }

        @Override
        public void print(StringBuilder out) {
            column.print(out);
            out.append(' ').append(operator).append(' ');
            Values.print(value, out);
        }
    }

    record In(Column column, boolean negated, List<Object> values) implements Expression {
        @Override
        public Truth test(VisibilityRecord record) {
            var actual = column.valueOf(record);
            if (actual == null) {
                return Truth.UNKNOWN;
            }
            if (column.type() == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST) {
                return Values.contains(actual, values, negated);
            }
            var found = Truth.FALSE;
            for (var value : values) {
                var order = Values.compare(column, actual, value);
                found = found.or(order == null ? Truth.UNKNOWN : Truth.of(order == 0));
            }
            return negated ? found.not() : found;
        }

        @Override
        public void print(StringBuilder out) {
            column.print(out);
            out.append(negated ? " NOT IN (" : " IN (");
            for (var i = 0; i < values.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                Values.print(values.get(i), out);
            }
            out.append(')');
        }
    }

    record Between(Column column, boolean negated, Object from, Object to) implements Expression {
        @Override
        public Truth test(VisibilityRecord record) {
            var actual = column.valueOf(record);
            var low = actual == null ? null : Values.compare(column, actual, from);
            var high = actual == null ? null : Values.compare(column, actual, to);
            if (low == null || high == null) {
                return Truth.UNKNOWN;
            }
            return Truth.of((low >= 0 && high <= 0) != negated);
        }

        @Override
        public void print(StringBuilder out) {
            column.print(out);
            out.append(negated ? " NOT BETWEEN " : " BETWEEN ");
            Values.print(from, out);
            out.append(" AND ");
            Values.print(to, out);
        }
    }

    record StartsWith(Column column, boolean negated, String prefix) implements Expression {
        @Override
        public Truth test(VisibilityRecord record) {
            return column.valueOf(record) instanceof String actual
                    ? Truth.of(actual.startsWith(prefix) != negated)
                    : Truth.UNKNOWN;
        }

        @Override
        public void print(StringBuilder out) {
            column.print(out);
            out.append(negated ? " NOT STARTS_WITH " : " STARTS_WITH ");
            Values.print(prefix, out);
        }
    }

    record IsNull(Column column, boolean negated) implements Expression {
        @Override
        public Truth test(VisibilityRecord record) {
            return Truth.of((column.valueOf(record) == null) != negated);
        }

        @Override
        public void print(StringBuilder out) {
            column.print(out);
            out.append(negated ? " IS NOT NULL" : " IS NULL");
        }
    }

    private static void printOperand(Expression operand, StringBuilder out) {
        var grouped = operand instanceof And || operand instanceof Or || operand instanceof Not;
        out.append(grouped ? "(" : "");
        operand.print(out);
        out.append(grouped ? ")" : "");
    }
}
