package io.junction.temporal.visibility;

import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListQueryTest {
    private static final SearchAttributeRegistry REGISTRY = SearchAttributeRegistry.withDevServerDefaults();
    private static final VisibilityRecord ORDER = Records.running(
            "order-1",
            "OrderWorkflow",
            Map.of(
                    "CustomKeywordField",
                    "eu-west",
                    "CustomIntField",
                    42L,
                    "CustomDoubleField",
                    2.5,
                    "CustomBoolField",
                    true,
                    "CustomDatetimeField",
                    Instant.parse("2024-05-01T12:00:00Z"),
                    "CustomTextField",
                    "The quick brown Fox",
                    "BuildIds",
                    List.of("unversioned", "assigned:1.0")));
    private static final VisibilityRecord PAYMENT = Records.record(
            "payment-7",
            "PaymentWorkflow",
            WORKFLOW_EXECUTION_STATUS_COMPLETED,
            Records.START.plusSeconds(60),
            Records.START.plusSeconds(3660),
            Map.of("CustomKeywordField", "us-east", "CustomIntField", 7L));

    private static boolean matches(String query, VisibilityRecord record) {
        return ListQuery.parse(query, REGISTRY).matches(record);
    }

    private static Predicate<String> matchesOrder() {
        return query -> matches(query, ORDER);
    }

    @Test
    void matchesTheIssueExample() {
        var query = ListQuery.parse("WorkflowType = 'OrderWorkflow' AND ExecutionStatus = 'Running'", REGISTRY);

        assertThat(query.matches(ORDER)).isTrue();
        assertThat(query.matches(PAYMENT)).isFalse();
    }

    @Test
    void blankQueryMatchesEverything() {
        assertThat(ListQuery.parse("", REGISTRY).matches(PAYMENT)).isTrue();
        assertThat(ListQuery.parse("   ", REGISTRY).matches(ORDER)).isTrue();
        assertThat(ListQuery.all().matches(ORDER)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            WorkflowId = 'order-1'                               | true
            WorkflowId != 'order-1'                              | false
            WorkflowId <> 'order-2'                              | true
            HistoryLength > 11                                   | true
            HistoryLength >= 12                                  | true
            HistoryLength < 12                                   | false
            HistoryLength <= 12.5                                | true
            CustomIntField = 42                                  | true
            CustomIntField > 41.5                                | true
            CustomDoubleField < 3                                | true
            CustomDoubleField BETWEEN 2 AND 2.5                  | true
            CustomIntField NOT BETWEEN 40 AND 50                 | false
            CustomBoolField = true                               | true
            CustomBoolField = FALSE                              | false
            CustomBoolField != false                             | true
            StartTime = '2024-05-01T10:00:00Z'                   | true
            StartTime > '2024-05-01T11:00:00+02:00'              | true
            StartTime BETWEEN '2024-05-01T09:00:00Z' AND '2024-05-01T10:00:00.000Z' | true
            StartTime < 1714557600000000001                      | true
            CustomDatetimeField > StartTime                      | ERROR
            WorkflowType IN ('PaymentWorkflow', 'OrderWorkflow') | true
            WorkflowType NOT IN ('PaymentWorkflow')              | true
            WorkflowId STARTS_WITH 'order-'                      | true
            WorkflowId NOT STARTS_WITH 'order-'                  | false
            WorkflowId starts_with "ord"                         | true
            CustomKeywordField BETWEEN 'eu' AND 'ev'             | true
            CustomTextField = 'fox'                              | true
            CustomTextField = 'quick fox'                        | true
            CustomTextField = 'slow fox'                         | false
            CustomTextField != 'dog'                             | true
            BuildIds = 'assigned:1.0'                            | true
            BuildIds != 'assigned:1.0'                           | false
            BuildIds IN ('x', 'unversioned')                     | true
            BuildIds NOT IN ('x', 'y')                           | true
            CloseTime IS NULL                                    | true
            CloseTime IS NOT NULL                                | false
            ParentWorkflowId is null                             | true
            CustomKeywordField IS NOT NULL                       | true
            RootWorkflowId = 'order-1'                           | true
            ExecutionStatus = 1                                  | true
            ExecutionStatus = 'WORKFLOW_EXECUTION_STATUS_RUNNING' | true
            ExecutionStatus IN ('Completed', 'Failed')           | false
            ExecutionStatus < 'Completed'                        | true
            ScheduledStartTime IS NULL                           | true
            """)
    void evaluatesEveryOperator(String query, String expected) {
        if (expected.equals("ERROR")) {
            assertThat(Errors.of(query)).isNotNull();
            return;
        }

        assertThat(matches(query, ORDER)).as(query).isEqualTo(Boolean.parseBoolean(expected));
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(matchesOrder())
                .accepts("WorkflowId = 'x' AND HistoryLength = 1 OR WorkflowType = 'OrderWorkflow'")
                .rejects("WorkflowId = 'x' AND (HistoryLength = 1 OR WorkflowType = 'OrderWorkflow')")
                .accepts("WorkflowType = 'OrderWorkflow' OR WorkflowId = 'x' AND HistoryLength = 1")
                .rejects("(WorkflowType = 'OrderWorkflow' OR WorkflowId = 'x') AND HistoryLength = 1");
    }

    @Test
    void notBindsTighterThanAnd() {
        assertThat(matchesOrder())
                .accepts("NOT WorkflowId = 'x' AND WorkflowType = 'OrderWorkflow'")
                .rejects("NOT (WorkflowId = 'order-1' AND WorkflowType = 'x') AND WorkflowId = 'x'")
                .accepts("NOT (WorkflowId = 'x' OR WorkflowType = 'x')")
                .accepts("((((WorkflowId = 'order-1'))))");
    }

    @Test
    void keywordsAreCaseInsensitiveAndNamesAreNot() {
        assertThat(matchesOrder())
                .accepts("WorkflowType = 'x' or WorkflowType = 'OrderWorkflow' and not WorkflowId in ('y')")
                .accepts("WorkflowId Between 'a' aNd 'z' OrDeR bY StartTime dEsC");
        assertThat(Errors.of("workflowType = 'OrderWorkflow'"))
                .isEqualTo("invalid query: invalid expression: column name 'workflowType' is not a valid search"
                        + " attribute");
    }

    @Test
    void missingAttributesAreUnknownEvenUnderNot() {
        var bare = Records.running("bare", "OrderWorkflow", Map.of());

        assertThat(matches("CustomKeywordField != 'eu-west'", bare)).isFalse();
        assertThat(matches("NOT CustomKeywordField = 'eu-west'", bare)).isFalse();
        assertThat(matches("CustomKeywordField = 'x' OR WorkflowId = 'bare'", bare))
                .isTrue();
        assertThat(matches("CustomKeywordField IS NULL", bare)).isTrue();
    }

    @Test
    void readsQuotedNamesAndEscapedStrings() {
        var quoted = Records.running("it's", "Say \"hi\"", Map.of());

        assertThat(matches("`WorkflowId` = 'it''s'", quoted)).isTrue();
        assertThat(matches("WorkflowId = 'it\\'s'", quoted)).isTrue();
        assertThat(matches("WorkflowType = \"Say \\\"hi\\\"\"", quoted)).isTrue();
    }

    @Test
    void readsExecutionDurationInGoAndClockForms() {
        assertThat(matches("ExecutionDuration = '1h'", PAYMENT)).isTrue();
        assertThat(matches("ExecutionDuration = '01:00:00'", PAYMENT)).isTrue();
        assertThat(matches("ExecutionDuration > '59m30s'", PAYMENT)).isTrue();
        assertThat(matches("ExecutionDuration = 3600000000000", PAYMENT)).isTrue();
        assertThat(matches("ExecutionDuration < '0.5d'", PAYMENT)).isTrue();
        assertThat(matches("ExecutionDuration IS NULL", ORDER)).isTrue();
    }

    @Test
    void hidesRecordsOfANamespaceDivisionUnlessTheQueryNamesIt() {
        var scheduler = Records.running(
                "temporal-sys-scheduler:nightly",
                "temporal-sys-scheduler-workflow",
                Map.of("TemporalNamespaceDivision", "TemporalScheduler"));

        assertThat(matches("", scheduler)).isFalse();
        assertThat(matches("WorkflowId STARTS_WITH 'temporal-sys'", scheduler)).isFalse();
        assertThat(matches("TemporalNamespaceDivision = 'TemporalScheduler'", scheduler))
                .isTrue();
        assertThat(matches("TemporalNamespaceDivision IS NULL OR TemporalNamespaceDivision IS NOT NULL", scheduler))
                .isTrue();
    }

    @Test
    void ordersByDefaultWithOpenRunsFirstThenNewestClose() {
        var failedLater = Records.record(
                "failed",
                "W",
                WORKFLOW_EXECUTION_STATUS_FAILED,
                Records.START,
                Records.START.plusSeconds(7200),
                Map.of());
        var newerRunning = Records.record(
                "newer", "W", WORKFLOW_EXECUTION_STATUS_RUNNING, Records.START.plusSeconds(10), null, Map.of());

        var sorted = List.of(PAYMENT, ORDER, failedLater, newerRunning).stream()
                .sorted(ListQuery.all().order())
                .map(VisibilityRecord::workflowId)
                .toList();

        assertThat(sorted).containsExactly("newer", "order-1", "failed", "payment-7");
    }

    @Test
    void ordersByTheOrderByClauseWithMissingValuesLast() {
        var bare = Records.running("bare", "W", Map.of());
        var query = ListQuery.parse("WorkflowId != 'x' ORDER BY CustomIntField DESC, WorkflowId asc", REGISTRY);

        var sorted = List.of(bare, PAYMENT, ORDER).stream()
                .sorted(query.order())
                .map(VisibilityRecord::workflowId)
                .toList();

        assertThat(query.hasOrderBy()).isTrue();
        assertThat(sorted).containsExactly("order-1", "payment-7", "bare");
        assertThat(ListQuery.parse("order by StartTime", REGISTRY).hasOrderBy()).isTrue();
    }

    @Test
    void exposesTheGroupByAttributeForCounting() {
        var query = ListQuery.parse("WorkflowType = 'OrderWorkflow' GROUP BY ExecutionStatus", REGISTRY);

        assertThat(query.groupBy()).contains("ExecutionStatus");
        assertThat(ORDER.value(query.groupBy().orElseThrow())).isEqualTo("Running");
        assertThat(ListQuery.parse("group by ExecutionStatus", REGISTRY).groupBy())
                .contains("ExecutionStatus");
        assertThat(ListQuery.parse("WorkflowId = 'a'", REGISTRY).groupBy()).isEmpty();
    }

    @Test
    void printsCanonicalText() {
        var text = "WorkflowId = 'x' or not (HistoryLength between 1 and 2 and `CustomKeywordField` in ('a','b'))"
                + " order by StartTime";

        var query = ListQuery.parse(text, REGISTRY);

        assertThat(query.toString())
                .isEqualTo("WorkflowId = 'x' OR (NOT (HistoryLength BETWEEN 1 AND 2 AND CustomKeywordField IN"
                        + " ('a', 'b'))) ORDER BY StartTime ASC");
    }
}
