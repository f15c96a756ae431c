package io.junction.temporal.visibility;

import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT;

import io.junction.temporal.visibility.SyntaxTree.Binary;
import io.junction.temporal.visibility.SyntaxTree.Literal;
import io.junction.temporal.visibility.SyntaxTree.Name;
import io.junction.temporal.visibility.SyntaxTree.Negation;
import io.junction.temporal.visibility.SyntaxTree.Node;
import io.junction.temporal.visibility.SyntaxTree.Operand;
import io.junction.temporal.visibility.SyntaxTree.Predicate;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a parsed filter against the namespace's search attributes and turns it into an {@link Expression}, with the
 * rules and messages of Temporal's query converter: which operators each type allows, which literal each type
 * accepts, and how ExecutionStatus and ExecutionDuration values are read.
 */
final class QueryConverter {
    private static final Set<String> ALL_OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=", "in", "not in");
    private static final Set<String> KEYWORD_OPERATORS =
            Set.of("=", "!=", "<", "<=", ">", ">=", "in", "not in", "starts_with", "not starts_with");
    private static final Set<String> KEYWORD_LIST_OPERATORS = Set.of("=", "!=", "in", "not in");
    private static final Set<String> TEXT_OPERATORS = Set.of("=", "!=");
    private static final Set<IndexedValueType> RANGE_TYPES = Set.of(
            INDEXED_VALUE_TYPE_DATETIME, INDEXED_VALUE_TYPE_DOUBLE, INDEXED_VALUE_TYPE_INT, INDEXED_VALUE_TYPE_KEYWORD);

    private final SearchAttributeRegistry registry;
    private boolean seenNamespaceDivision;

    QueryConverter(SearchAttributeRegistry registry) {
        this.registry = registry;
    }

    boolean seenNamespaceDivision() {
        return seenNamespaceDivision;
    }

    Expression where(Node node) {
        return switch (node) {
            case Binary binary when binary.isAnd() -> new Expression.And(where(binary.left()), where(binary.right()));
            case Binary binary -> new Expression.Or(where(binary.left()), where(binary.right()));
            case Negation negation -> new Expression.Not(where(negation.operand()));
            case Predicate predicate -> predicate(predicate);
        };
    }

    Column column(Operand operand) {
        if (!(operand instanceof Name name)) {
            throw InvalidQueryException.invalidExpression(
                    "must be a column name but was " + ((Literal) operand).goType());
        }
        var column = resolve(name.name());
        if (column.field().equals(SearchAttributeNames.NAMESPACE_DIVISION)) {
            seenNamespaceDivision = true;
        }
        return column;
    }

    private Expression predicate(Predicate predicate) {
        var operator = predicate.operator();
        if (operator.isEmpty()) {
            if (predicate.left() instanceof Literal literal) {
                throw InvalidQueryException.notSupported("expression of type " + literal.goType());
            }
            throw InvalidQueryException.invalidExpression("incomplete expression");
        }
        var column = column(predicate.left());
        if (operator.startsWith("is ")) {
            if (!operator.equals("is null") && !operator.equals("is not null")) {
                throw InvalidQueryException.invalidExpression(
                        "'IS' operator can only be used as 'IS NULL' or 'IS NOT NULL'");
            }
            return new Expression.IsNull(column, operator.equals("is not null"));
        }
        if (operator.endsWith("between")) {
            return between(column, operator, predicate.values());
        }
        return comparison(column, operator, predicate.values());
    }

    private Expression between(Column column, String operator, List<Operand> values) {
        if (!RANGE_TYPES.contains(column.type())) {
            throw InvalidQueryException.invalidExpression("cannot do range condition on search attribute '"
                    + column.alias() + "' of type " + TemporalNames.typeName(column.type()));
        }
        var from = value(values.get(0), column);
        var to = value(values.get(1), column);
        return new Expression.Between(column, operator.startsWith("not"), from, to);
    }

    private Expression comparison(Column column, String operator, List<Operand> operands) {
        var values = new ArrayList<Object>(operands.size());
        for (var operand : operands) {
            values.add(value(operand, column));
        }
        var allowed =
                switch (column.type()) {
                    case INDEXED_VALUE_TYPE_KEYWORD -> KEYWORD_OPERATORS;
                    case INDEXED_VALUE_TYPE_KEYWORD_LIST -> KEYWORD_LIST_OPERATORS;
                    case INDEXED_VALUE_TYPE_TEXT -> TEXT_OPERATORS;
                    default -> ALL_OPERATORS;
                };
        if (!allowed.contains(operator)) {
            throw InvalidQueryException.notSupported("operator '" + operator.toUpperCase(Locale.ROOT)
                    + "' not supported for " + TemporalNames.typeName(column.type()) + " type search attribute '"
                    + column.alias() + "'");
        }

        var negated = operator.startsWith("not ");
        if (operator.endsWith("in")) {
            return new Expression.In(column, negated, List.copyOf(values));
        }
        if (operator.endsWith("starts_with")) {
            if (!(values.getFirst() instanceof String prefix)) {
                throw InvalidQueryException.invalidExpression("right-hand side of \"" + operator
                        + "\" operator must be a literal string (got: " + values.getFirst() + ")");
            }
            return new Expression.StartsWith(column, negated, prefix);
        }
        return new Expression.Comparison(column, operator, values.getFirst());
    }

    /** The alias resolution of Temporal's converter, including its {@code Temporal} prefix fallback. */
    private Column resolve(String alias) {
        var type = registry.type(alias);
        if (type.isPresent()) {
            return new Column(alias, alias, type.get());
        }
        String field;
        if (stripReservedPrefix(alias).equals(SearchAttributeNames.SCHEDULE_ID)) {
            field = SearchAttributeNames.WORKFLOW_ID;
        } else if (alias.startsWith(SearchAttributeNames.RESERVED_PREFIX)) {
            field = stripReservedPrefix(alias);
        } else {
            field = SearchAttributeNames.RESERVED_PREFIX + alias;
        }
        var fallback = registry.type(field);
        if (fallback.isPresent()) {
            return new Column(alias, field, fallback.get());
        }
        throw InvalidQueryException.invalidExpression("column name '" + alias + "' is not a valid search attribute");
    }

    private static String stripReservedPrefix(String name) {
        return name.startsWith(SearchAttributeNames.RESERVED_PREFIX)
                ? name.substring(SearchAttributeNames.RESERVED_PREFIX.length())
                : name;
    }

    private static Object value(Operand operand, Column column) {
        if (operand instanceof Name name) {
            throw InvalidQueryException.notSupported(
                    "column name on the right side of comparison expression (did you forget to quote "
                            + GoText.quote(name.name()) + "?)");
        }
        var literal = (Literal) operand;
        var value = literal.value();
        if (value == null) {
            throw InvalidQueryException.invalidExpression("unexpected value type " + literal.goType());
        }
        return switch (column.field()) {
            case SearchAttributeNames.EXECUTION_STATUS -> executionStatus(value);
            case SearchAttributeNames.EXECUTION_DURATION -> executionDuration(value);
            default -> typed(column, value);
        };
    }

    private static Object executionStatus(Object value) {
        var status =
                switch (value) {
                    case Long number
                    when number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE ->
                        TemporalNames.parseStatus(number.intValue());
                    case Long number -> Optional.<WorkflowExecutionStatus>empty();
                    case String name -> TemporalNames.parseStatus(name);
                    default ->
                        throw InvalidQueryException.invalidExpression("unexpected value type " + GoText.typeName(value)
                                + " for search attribute " + SearchAttributeNames.EXECUTION_STATUS);
                };
        var shown = value instanceof String ? "'" + value + "'" : value.toString();
        return status.map(TemporalNames::statusName)
                .orElseThrow(() -> InvalidQueryException.invalidExpression(
                        "invalid " + SearchAttributeNames.EXECUTION_STATUS + " value " + shown));
    }

    private static Object executionDuration(Object value) {
        return switch (value) {
            case Long nanos -> nanos;
            case String text -> {
                var nanos = Durations.parseNanos(text);
                if (nanos.isEmpty()) {
                    throw InvalidQueryException.invalidExpression("invalid duration value for search attribute "
                            + SearchAttributeNames.EXECUTION_DURATION + ": " + text);
                }
                yield nanos.getAsLong();
            }
            default ->
                throw InvalidQueryException.invalidExpression("unexpected value type " + GoText.typeName(value)
                        + " for search attribute " + SearchAttributeNames.EXECUTION_DURATION);
        };
    }

    private static Object typed(Column column, Object value) {
        var accepted =
                switch (column.type()) {
                    case INDEXED_VALUE_TYPE_INT, INDEXED_VALUE_TYPE_DOUBLE ->
                        value instanceof Long || value instanceof Double;
                    case INDEXED_VALUE_TYPE_BOOL -> value instanceof Boolean;
                    case INDEXED_VALUE_TYPE_DATETIME -> value instanceof Long || value instanceof String;
                    default -> value instanceof String;
                };
        if (!accepted) {
            throw InvalidQueryException.invalidExpression("invalid value type for search attribute " + column.alias()
                    + " of type " + TemporalNames.typeName(column.type()) + ": " + GoText.literal(value) + " (type: "
                    + GoText.typeName(value) + ")");
        }
        if (column.type() != INDEXED_VALUE_TYPE_DATETIME) {
            return value;
        }
        if (value instanceof Long nanos) {
            return Instant.ofEpochSecond(0, nanos);
        }
        return Datetimes.parse((String) value)
                .orElseThrow(() -> InvalidQueryException.invalidExpression("unable to parse datetime '" + value + "'"));
    }
}
