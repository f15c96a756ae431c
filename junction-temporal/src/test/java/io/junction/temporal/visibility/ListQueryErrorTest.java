package io.junction.temporal.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Refused queries, each with the message Temporal's converter gives. */
class ListQueryErrorTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            Foo = 'bar'                      | invalid expression: column name 'Foo' is not a valid search attribute
            ORDER BY Foo                     | invalid expression: column name 'Foo' is not a valid search attribute
            CustomTextField > 'a'            | operation is not supported: operator '>' not supported for Text type search attribute 'CustomTextField'
            CustomTextField IN ('a')         | operation is not supported: operator 'IN' not supported for Text type search attribute 'CustomTextField'
            CustomTextField STARTS_WITH 'a'  | operation is not supported: operator 'STARTS_WITH' not supported for Text type search attribute 'CustomTextField'
            BuildIds > 'a'                   | operation is not supported: operator '>' not supported for KeywordList type search attribute 'BuildIds'
            BuildIds STARTS_WITH 'a'         | operation is not supported: operator 'STARTS_WITH' not supported for KeywordList type search attribute 'BuildIds'
            CustomIntField STARTS_WITH 1     | operation is not supported: operator 'STARTS_WITH' not supported for Int type search attribute 'CustomIntField'
            CustomIntField NOT STARTS_WITH 1 | operation is not supported: operator 'NOT STARTS_WITH' not supported for Int type search attribute 'CustomIntField'
            WorkflowId LIKE 'a%'             | operation is not supported: operator 'LIKE' not supported for Keyword type search attribute 'WorkflowId'
            CustomIntField = 'foo'           | invalid expression: invalid value type for search attribute CustomIntField of type Int: "foo" (type: string)
            CustomDoubleField = 'foo'        | invalid expression: invalid value type for search attribute CustomDoubleField of type Double: "foo" (type: string)
            CustomBoolField = 'true'         | invalid expression: invalid value type for search attribute CustomBoolField of type Bool: "true" (type: string)
            WorkflowId = 123                 | invalid expression: invalid value type for search attribute WorkflowId of type Keyword: 123 (type: int64)
            CustomKeywordField = 1.5         | invalid expression: invalid value type for search attribute CustomKeywordField of type Keyword: 1.5 (type: float64)
            StartTime > 'yesterday'          | invalid expression: unable to parse datetime 'yesterday'
            StartTime > '2024-13-01T00:00:00Z' | invalid expression: unable to parse datetime '2024-13-01T00:00:00Z'
            ExecutionStatus = 'Sleeping'     | invalid expression: invalid ExecutionStatus value 'Sleeping'
            ExecutionStatus = 'running'      | invalid expression: invalid ExecutionStatus value 'running'
            ExecutionStatus = 99             | invalid expression: invalid ExecutionStatus value 99
            ExecutionStatus = 1.5            | invalid expression: unexpected value type float64 for search attribute ExecutionStatus
            ExecutionDuration > 'soon'       | invalid expression: invalid duration value for search attribute ExecutionDuration: soon
            CustomBoolField BETWEEN true AND false | invalid expression: cannot do range condition on search attribute 'CustomBoolField' of type Bool
            CustomTextField BETWEEN 'a' AND 'b'    | invalid expression: cannot do range condition on search attribute 'CustomTextField' of type Text
            WorkflowId = Foo                 | operation is not supported: column name on the right side of comparison expression (did you forget to quote "Foo"?)
            WorkflowId                       | invalid expression: incomplete expression
            true                             | operation is not supported: expression of type sqlparser.BoolVal
            'a' = WorkflowId                 | invalid expression: must be a column name but was *sqlparser.SQLVal
            WorkflowId = NULL                | invalid expression: unexpected value type *sqlparser.NullVal
            CloseTime IS TRUE                | invalid expression: 'IS' operator can only be used as 'IS NULL' or 'IS NOT NULL'
            WorkflowId = 'a' LIMIT 10        | operation is not supported: 'LIMIT' clause
            GROUP BY ExecutionStatus, TaskQueue | operation is not supported: 'GROUP BY' clause supports only a single field
            GROUP BY RunId                   | operation is not supported: 'GROUP BY' clause is not supported for search attribute RunId
            ORDER BY CustomTextField         | operation is not supported: unable to sort by search attribute type Text
            """)
    void refusesWithTemporalsMessage(String query, String detail) {
        assertThat(Errors.of(query)).isEqualTo("invalid query: " + detail);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            (WorkflowId = 'a'                | syntax error at position 18
            WorkflowId = 'a')                | syntax error at position 18 near ')'
            WorkflowId = 'a' AND             | syntax error at position 21
            WorkflowId = 'a' AND AND x = 1   | syntax error at position 25 near 'AND'
            WorkflowId = 'unterminated       | syntax error at position 26 near ''unterminated'
            WorkflowId IN 'a'                | syntax error at position 18 near 'a'
            WorkflowId == 'a'                | syntax error at position 14 near '='
            WorkflowId = 'a' ORDER StartTime | syntax error at position 33 near 'StartTime'
            WorkflowId @ 'a'                 | syntax error at position 12 near '@'
            ()                               | syntax error at position 3 near ')'
            """)
    void refusesMalformedQueries(String query, String detail) {
        assertThat(Errors.of(query)).isEqualTo("invalid query: malformed SQL query: " + detail);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            Foo = 'a' AND (                  | malformed SQL query
            WorkflowId = 1 AND Foo = 'a'     | invalid value type
            CustomTextField > 1              | invalid value type
            """)
    void reportsTheFirstErrorTemporalWould(String query, String fragment) {
        assertThatThrownBy(() -> ListQuery.parse(query, SearchAttributeRegistry.withDevServerDefaults()))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining(fragment);
    }
}
