package io.junction.temporal.visibility;

import io.junction.temporal.visibility.SyntaxTree.OrderItem;
import io.temporal.api.enums.v1.IndexedValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed visibility list filter, the {@code query} of ListWorkflowExecutions and CountWorkflowExecutions.
 *
 * <p>The language is Temporal's SQL-like filter: {@code =, !=, <, <=, >, >=}, {@code [NOT] IN (...)},
 * {@code [NOT] BETWEEN a AND b}, {@code [NOT] STARTS_WITH}, {@code IS [NOT] NULL}, {@code AND}, {@code OR},
 * {@code NOT} and parentheses, then optional {@code GROUP BY} and {@code ORDER BY} clauses. Keywords are
 * case-insensitive, attribute names case-sensitive. Datetimes are RFC 3339 strings, ExecutionStatus a name
 * ({@code 'Running'}) or number.
 *
 * <p>Matching follows SQL: a predicate on an attribute the record lacks is unknown, and an unknown filter does not
 * match, even under NOT. As in Temporal, a query that never names TemporalNamespaceDivision only matches records
 * without one, which hides the scheduler's own workflows.
 *
 * <p>Immutable and thread-safe.
 */
public final class ListQuery {
    private static final ListQuery ALL = new ListQuery(null, List.of(), null, false);

    private final Expression where;
    private final List<Order> orderBy;
    private final Column groupBy;
    private final boolean namesNamespaceDivision;

    private ListQuery(Expression where, List<Order> orderBy, Column groupBy, boolean namesNamespaceDivision) {
        this.where = where;
        this.orderBy = orderBy;
        this.groupBy = groupBy;
        this.namesNamespaceDivision = namesNamespaceDivision;
    }

    /**
     * Parses and checks a filter against a namespace's search attributes. A blank query matches every record.
     *
     * @throws InvalidQueryException with Temporal's message for a syntax error, an unknown attribute, an operator the
     *     attribute's type does not allow, a value of the wrong type, or an unsupported clause
     */
    public static ListQuery parse(String query, SearchAttributeRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (query == null || query.isBlank()) {
            return ALL;
        }
        var statement = QueryParser.parse(query);
        if (statement.hasLimit()) {
            throw InvalidQueryException.notSupported("'LIMIT' clause");
        }

        var converter = new QueryConverter(registry);
        var where = statement.where() == null ? null : converter.where(statement.where());
        var groupBy = groupBy(statement.groupBy(), converter);
        var orderBy = new ArrayList<Order>();
        for (var item : statement.orderBy()) {
            orderBy.add(order(item, converter));
        }

        return new ListQuery(where, List.copyOf(orderBy), groupBy, converter.seenNamespaceDivision());
    }

    /** The query that matches everything in the default order. */
    public static ListQuery all() {
        return ALL;
    }

    /** Whether the record passes the filter. */
    public boolean matches(VisibilityRecord record) {
        if (!namesNamespaceDivision && record.value(SearchAttributeNames.NAMESPACE_DIVISION) != null) {
            return false;
        }
        return where == null || where.test(record) == Truth.TRUE;
    }

    /**
     * The order of the results: the ORDER BY terms, missing values last, then Temporal's default order of CloseTime
     * descending with open runs first, StartTime descending and RunId, so that pages are stable.
     */
    public Comparator<VisibilityRecord> order() {
        Comparator<VisibilityRecord> order = (left, right) -> 0;
        for (var term : orderBy) {
            order = order.thenComparing(term::compare);
        }
        return order.thenComparing(ListQuery::defaultOrder);
    }

    /** Whether the query has an ORDER BY clause; Temporal's SQL stores refuse one. */
    public boolean hasOrderBy() {
        return !orderBy.isEmpty();
    }

    /**
     * The attribute of the GROUP BY clause, for CountWorkflowExecutions; read each record's group with
     * {@link VisibilityRecord#value(String)}. ListWorkflowExecutions should refuse a query that has one.
     */
    public Optional<String> groupBy() {
        return Optional.ofNullable(groupBy).map(Column::field);
    }

    /** Canonical query text that parses back to an equivalent query. */
    @Override
    public String toString() {
        var out = new StringBuilder();
        if (where != null) {
            where.print(out);
        }
        if (groupBy != null) {
            out.append(out.isEmpty() ? "" : " ").append("GROUP BY ");
            groupBy.print(out);
        }
        for (var i = 0; i < orderBy.size(); i++) {
            out.append(i > 0 ? ", " : out.isEmpty() ? "ORDER BY " : " ORDER BY ");
            orderBy.get(i).column().print(out);
            out.append(orderBy.get(i).descending() ? " DESC" : " ASC");
        }
        return out.toString();
    }

    private static Column groupBy(List<SyntaxTree.Operand> operands, QueryConverter converter) {
        if (operands.isEmpty()) {
            return null;
        }
        if (operands.size() > 1) {
            throw InvalidQueryException.notSupported("'GROUP BY' clause supports only a single field");
        }
        var column = converter.column(operands.getFirst());
        var field = column.field();
        if (!field.equals(SearchAttributeNames.EXECUTION_STATUS)
                && !field.equals(SearchAttributeNames.NAMESPACE_DIVISION)
                && !field.startsWith("TemporalLowCardinalityKeyword")) {
            throw InvalidQueryException.notSupported(
                    "'GROUP BY' clause is not supported for search attribute " + column.alias());
        }
        return column;
    }

    private static Order order(OrderItem item, QueryConverter converter) {
        var column = converter.column(item.operand());
        if (column.type() == IndexedValueType.INDEXED_VALUE_TYPE_TEXT) {
            throw InvalidQueryException.notSupported("unable to sort by search attribute type Text");
        }
        return new Order(column, item.descending());
    }

    private static int defaultOrder(VisibilityRecord left, VisibilityRecord right) {
        var leftClose = (Instant) left.value(SearchAttributeNames.CLOSE_TIME);
        var rightClose = (Instant) right.value(SearchAttributeNames.CLOSE_TIME);
        var byClose = Comparator.nullsFirst(Comparator.<Instant>reverseOrder()).compare(leftClose, rightClose);
        if (byClose != 0) {
            return byClose;
        }
        var byStart = right.startTime().compareTo(left.startTime());
        return byStart != 0 ? byStart : left.runId().compareTo(right.runId());
    }

    private record Order(Column column, boolean descending) {
        int compare(VisibilityRecord left, VisibilityRecord right) {
            var leftValue = column.valueOf(left);
            var rightValue = column.valueOf(right);
            if (leftValue == null || rightValue == null) {
                return leftValue == rightValue ? 0 : leftValue == null ? 1 : -1;
            }
            var order = Values.compare(column, leftValue, rightValue);
            if (order == null) {
                order = leftValue.toString().compareTo(rightValue.toString());
            }
            return descending ? -order : order;
        }
    }
}
