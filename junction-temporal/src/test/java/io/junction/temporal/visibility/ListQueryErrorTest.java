package io.junction.temporal.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Refused queries, each with the message Temporal's converter gives. */
class ListQueryErrorTest {
    static Stream<Arguments> refusesWithTemporalsMessageCases() {
        return Stream.of(
                arguments("Foo = 'bar'", "invalid expression: column name 'Foo' is not a valid search attribute"),
                arguments("ORDER BY Foo", "invalid expression: column name 'Foo' is not a valid search attribute"),
                arguments(
                        "CustomTextField > 'a'",
                        "operation is not supported: operator '>' not supported for Text type"
                                + " search attribute 'CustomTextField'"),
                arguments(
                        "CustomTextField IN ('a')",
                        "operation is not supported: operator 'IN' not supported for Text type"
                                + " search attribute 'CustomTextField'"),
                arguments(
                        "CustomTextField STARTS_WITH 'a'",
                        "operation is not supported: operator 'STARTS_WITH' not supported for"
                                + " Text type search attribute 'CustomTextField'"),
                arguments(
                        "BuildIds > 'a'",
                        "operation is not supported: operator '>' not supported for"
                                + " KeywordList type search attribute 'BuildIds'"),
                arguments(
                        "BuildIds STARTS_WITH 'a'",
                        "operation is not supported: operator 'STARTS_WITH' not supported for"
                                + " KeywordList type search attribute 'BuildIds'"),
                arguments(
                        "CustomIntField STARTS_WITH 1",
                        "operation is not supported: operator 'STARTS_WITH' not supported for"
                                + " Int type search attribute 'CustomIntField'"),
                arguments(
                        "CustomIntField NOT STARTS_WITH 1",
                        "operation is not supported: operator 'NOT STARTS_WITH' not supported"
                                + " for Int type search attribute 'CustomIntField'"),
                arguments(
                        "WorkflowId LIKE 'a%'",
                        "operation is not supported: operator 'LIKE' not supported for Keyword"
                                + " type search attribute 'WorkflowId'"),
                arguments(
                        "CustomIntField = 'foo'",
                        "invalid expression: invalid value type for search attribute"
                                + " CustomIntField of type Int: \"foo\" (type: string)"),
                arguments(
                        "CustomDoubleField = 'foo'",
                        "invalid expression: invalid value type for search attribute"
                                + " CustomDoubleField of type Double: \"foo\" (type: string)"),
                arguments(
                        "CustomBoolField = 'true'",
                        "invalid expression: invalid value type for search attribute"
                                + " CustomBoolField of type Bool: \"true\" (type: string)"),
                arguments(
                        "WorkflowId = 123",
                        "invalid expression: invalid value type for search attribute"
                                + " WorkflowId of type Keyword: 123 (type: int64)"),
                arguments(
                        "CustomKeywordField = 1.5",
                        "invalid expression: invalid value type for search attribute"
                                + " CustomKeywordField of type Keyword: 1.5 (type: float64)"),
                arguments("StartTime > 'yesterday'", "invalid expression: unable to parse datetime 'yesterday'"),
                arguments(
                        "StartTime > '2024-13-01T00:00:00Z'",
                        "invalid expression: unable to parse datetime '2024-13-01T00:00:00Z'"),
                arguments(
                        "ExecutionStatus = 'Sleeping'", "invalid expression: invalid ExecutionStatus value 'Sleeping'"),
                arguments("ExecutionStatus = 'running'", "invalid expression: invalid ExecutionStatus value 'running'"),
                arguments("ExecutionStatus = 99", "invalid expression: invalid ExecutionStatus value 99"),
                arguments(
                        "ExecutionStatus = 1.5",
                        "invalid expression: unexpected value type float64 for search" + " attribute ExecutionStatus"),
                arguments(
                        "ExecutionDuration > 'soon'",
                        "invalid expression: invalid duration value for search attribute" + " ExecutionDuration: soon"),
                arguments(
                        "CustomBoolField BETWEEN true AND false",
                        "invalid expression: cannot do range condition on search attribute"
                                + " 'CustomBoolField' of type Bool"),
                arguments(
                        "CustomTextField BETWEEN 'a' AND 'b'",
                        "invalid expression: cannot do range condition on search attribute"
                                + " 'CustomTextField' of type Text"),
                arguments(
                        "WorkflowId = Foo",
                        "operation is not supported: column name on the right side of"
                                + " comparison expression (did you forget to quote \"Foo\"?)"),
                arguments("WorkflowId", "invalid expression: incomplete expression"),
                arguments("true", "operation is not supported: expression of type sqlparser.BoolVal"),
                arguments("'a' = WorkflowId", "invalid expression: must be a column name but was *sqlparser.SQLVal"),
                arguments("WorkflowId = NULL", "invalid expression: unexpected value type *sqlparser.NullVal"),
                arguments(
                        "CloseTime IS TRUE",
                        "invalid expression: 'IS' operator can only be used as 'IS NULL' or" + " 'IS NOT NULL'"),
                arguments("WorkflowId = 'a' LIMIT 10", "operation is not supported: 'LIMIT' clause"),
                arguments(
                        "GROUP BY ExecutionStatus, TaskQueue",
                        "operation is not supported: 'GROUP BY' clause supports only a single" + " field"),
                arguments(
                        "GROUP BY RunId",
                        "operation is not supported: 'GROUP BY' clause is not supported for"
                                + " search attribute RunId"),
                arguments(
                        "ORDER BY CustomTextField",
                        "operation is not supported: unable to sort by search attribute type" + " Text"));
    }

    @ParameterizedTest
    @MethodSource("refusesWithTemporalsMessageCases")
    void refusesWithTemporalsMessage(String query, String detail) {
        assertThat(Errors.of(query)).isEqualTo("invalid query: " + detail);
    }

    static Stream<Arguments> refusesMalformedQueriesCases() {
        return Stream.of(
                arguments("(WorkflowId = 'a'", "syntax error at position 18"),
                arguments("WorkflowId = 'a')", "syntax error at position 18 near ')'"),
                arguments("WorkflowId = 'a' AND", "syntax error at position 21"),
                arguments("WorkflowId = 'a' AND AND x = 1", "syntax error at position 25 near 'AND'"),
                arguments("WorkflowId = 'unterminated", "syntax error at position 26 near ''unterminated'"),
                arguments("WorkflowId IN 'a'", "syntax error at position 18 near 'a'"),
                arguments("WorkflowId == 'a'", "syntax error at position 14 near '='"),
                arguments("WorkflowId = 'a' ORDER StartTime", "syntax error at position 33 near 'StartTime'"),
                arguments("WorkflowId @ 'a'", "syntax error at position 12 near '@'"),
                arguments("()", "syntax error at position 3 near ')'"));
    }

    @ParameterizedTest
    @MethodSource("refusesMalformedQueriesCases")
    void refusesMalformedQueries(String query, String detail) {
        assertThat(Errors.of(query)).isEqualTo("invalid query: malformed SQL query: " + detail);
    }

    static Stream<Arguments> reportsTheFirstErrorTemporalWouldCases() {
        return Stream.of(
                arguments("Foo = 'a' AND (", "malformed SQL query"),
                arguments("WorkflowId = 1 AND Foo = 'a'", "invalid value type"),
                arguments("CustomTextField > 1", "invalid value type"));
    }

    @ParameterizedTest
    @MethodSource("reportsTheFirstErrorTemporalWouldCases")
    void reportsTheFirstErrorTemporalWould(String query, String fragment) {
        assertThatThrownBy(() -> ListQuery.parse(query, SearchAttributeRegistry.withDevServerDefaults()))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining(fragment);
    }
}
