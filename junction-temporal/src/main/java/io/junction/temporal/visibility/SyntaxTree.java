package io.junction.temporal.visibility;

import java.util.List;

/**
 * A list filter as written, before its names and values are checked: the whole query is parsed first so that a
 * syntax error anywhere is reported before a semantic one, as Temporal does.
 */
final class SyntaxTree {
    private SyntaxTree() {}

    record Statement(Node where, List<Operand> groupBy, List<OrderItem> orderBy, boolean hasLimit) {}

    record OrderItem(Operand operand, boolean descending) {}

    sealed interface Node {}

    record Binary(boolean isAnd, Node left, Node right) implements Node {}

    record Negation(Node operand) implements Node {}

    /**
     * A predicate on one operand.
     *
     * @param operator lower-case as Temporal's parser spells it ({@code =}, {@code not in}, {@code starts_with},
     *     {@code is not null}), or empty for a bare operand
     */
    record Predicate(Operand left, String operator, List<Operand> values) implements Node {}

    sealed interface Operand {}

    record Name(String name) implements Operand {}

    /**
     * A literal: a {@link String}, {@link Long}, {@link Double}, {@link Boolean} or {@code null}.
     *
     * @param goType the type name Temporal's messages give this kind of node
     */
    record Literal(Object value, String goType) implements Operand {}
}
