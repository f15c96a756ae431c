package io.junction.temporal.visibility;

import io.junction.temporal.visibility.SyntaxTree.Binary;
import io.junction.temporal.visibility.SyntaxTree.Literal;
import io.junction.temporal.visibility.SyntaxTree.Name;
import io.junction.temporal.visibility.SyntaxTree.Negation;
import io.junction.temporal.visibility.SyntaxTree.Node;
import io.junction.temporal.visibility.SyntaxTree.Operand;
import io.junction.temporal.visibility.SyntaxTree.OrderItem;
import io.junction.temporal.visibility.SyntaxTree.Predicate;
import io.junction.temporal.visibility.SyntaxTree.Statement;
import io.junction.temporal.visibility.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive descent over the WHERE, GROUP BY, ORDER BY and LIMIT clauses of a list filter. OR binds loosest, then
 * AND, then NOT, then the predicates.
 */
final class QueryParser {
    private static final Set<String> COMPARISONS = Set.of("=", "!=", "<", "<=", ">", ">=");
    private static final Set<String> RESERVED = Set.of(
            "AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "LIKE", "STARTS_WITH", "ORDER", "GROUP", "BY", "LIMIT");
    private static final String SQL_VALUE = "*sqlparser.SQLVal";

    private final List<Token> tokens;
    private int index;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Statement parse(String query) {
        return new QueryParser(QueryLexer.tokens(query)).statement();
    }

    private Statement statement() {
        Node where = null;
        if (!peek().is("ORDER") && !peek().is("GROUP") && peek().kind() != Kind.END) {
            where = or();
        }
        var groupBy = new ArrayList<Operand>();
        if (accept("GROUP")) {
            expect("BY");
            do {
                groupBy.add(operand());
            } while (acceptOperator(","));
        }
        var orderBy = new ArrayList<OrderItem>();
        if (accept("ORDER")) {
            expect("BY");
            do {
                var operand = operand();
                var descending = accept("DESC");
                if (!descending) {
                    accept("ASC");
                }
                orderBy.add(new OrderItem(operand, descending));
            } while (acceptOperator(","));
        }
        var hasLimit = accept("LIMIT");
        if (hasLimit) {
            expectKind(Kind.NUMBER);
        }
        expectKind(Kind.END);
        return new Statement(where, List.copyOf(groupBy), List.copyOf(orderBy), hasLimit);
    }

    private Node or() {
        var left = and();
        while (accept("OR")) {
            left = new Binary(false, left, and());
        }
        return left;
    }

    private Node and() {
        var left = not();
        while (accept("AND")) {
            left = new Binary(true, left, not());
        }
        return left;
    }

    private Node not() {
        if (accept("NOT")) {
            return new Negation(not());
        }
        if (acceptOperator("(")) {
            var inner = or();
            expectOperator(")");
            return inner;
        }
        return predicate();
    }

    private Node predicate() {
        var left = operand();
        var token = peek();
        if (token.kind() == Kind.OPERATOR && COMPARISONS.contains(token.text())) {
            index++;
            return new Predicate(left, token.text(), List.of(operand()));
        }
        if (accept("IS")) {
            var negated = accept("NOT");
            var what = next();
            if (!what.is("NULL") && !what.is("TRUE") && !what.is("FALSE")) {
                throw syntaxError(what);
            }
            return new Predicate(
                    left, "is " + (negated ? "not " : "") + what.text().toLowerCase(), List.of());
        }
        var negated = accept("NOT");
        if (accept("IN")) {
            return new Predicate(left, negated ? "not in" : "in", tuple());
        }
        if (accept("BETWEEN")) {
            var from = operand();
            expect("AND");
            return new Predicate(left, negated ? "not between" : "between", List.of(from, operand()));
        }
        if (accept("LIKE")) {
            return new Predicate(left, negated ? "not like" : "like", List.of(operand()));
        }
        if (accept("STARTS_WITH")) {
            return new Predicate(left, negated ? "not starts_with" : "starts_with", List.of(operand()));
        }
        if (negated) {
            throw syntaxError(peek());
        }
        return new Predicate(left, "", List.of());
    }

    private List<Operand> tuple() {
        expectOperator("(");
        var values = new ArrayList<Operand>();
        do {
            values.add(operand());
        } while (acceptOperator(","));
        expectOperator(")");
        return List.copyOf(values);
    }

    private Operand operand() {
        var token = next();
        return switch (token.kind()) {
            case QUOTED_IDENTIFIER -> new Name(token.text());
            case STRING -> new Literal(token.text(), SQL_VALUE);
            case NUMBER -> new Literal(number(token.text()), SQL_VALUE);
            case OPERATOR -> {
                if (token.text().equals("-") && peek().kind() == Kind.NUMBER) {
                    yield new Literal(number("-" + next().text()), SQL_VALUE);
                }
                throw syntaxError(token);
            }
            case IDENTIFIER -> keywordOperand(token);
            case END -> throw syntaxError(token);
        };
    }

    private Operand keywordOperand(Token token) {
        if (token.is("TRUE") || token.is("FALSE")) {
            return new Literal(token.is("TRUE"), "sqlparser.BoolVal");
        }
        if (token.is("NULL")) {
            return new Literal(null, "*sqlparser.NullVal");
        }
        if (RESERVED.contains(token.text().toUpperCase(Locale.ROOT))) {
            throw syntaxError(token);
        }
        return new Name(token.text());
    }

    /** As Temporal reads an unquoted value: a 64-bit integer if it is one, else a float. */
    private static Object number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Double.parseDouble(text);
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        var token = tokens.get(index);
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }

    private boolean accept(String keyword) {
        if (peek().is(keyword)) {
            index++;
            return true;
        }
        return false;
    }

    private boolean acceptOperator(String operator) {
        if (peek().isOperator(operator)) {
            index++;
            return true;
        }
        return false;
    }

    private void expect(String keyword) {
        if (!accept(keyword)) {
            throw syntaxError(peek());
        }
    }

    private void expectOperator(String operator) {
        if (!acceptOperator(operator)) {
            throw syntaxError(peek());
        }
    }

    private void expectKind(Kind kind) {
        if (peek().kind() != kind) {
            throw syntaxError(peek());
        }
        next();
    }

    private static InvalidQueryException syntaxError(Token token) {
        return QueryLexer.syntaxError(token.end() + 1, token.text());
    }
}
