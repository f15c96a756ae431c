package io.junction.cli.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The workflow commands against a live Junction server and a Java SDK worker, over real gRPC. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveTemporal temporal;
    private Cli cli;

    @BeforeAll
    void startServerAndWorker() {
        temporal = new LiveTemporal();
        cli = new Cli(Map.of("TEMPORAL_ADDRESS", temporal.address()));
    }

    @AfterAll
    void stop() throws Exception {
        temporal.close();
    }

    @Test
    void runsTheIssueExamplesAgainstALiveServer() throws Exception {
        var started = cli.run("junction temporal workflow start --task-queue order-queue --type OrderWorkflow "
                + "--input '\"order-123\"' --workflow-id order-workflow-123");
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).startsWith("Running execution:\n").contains("  WorkflowId  order-workflow-123\n");

        var list = cli.run("junction temporal workflow list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertAligned(list.out(), "WorkflowId", "order-workflow-123");
        assertThat(list.out())
                .containsPattern("Running +order-workflow-123 +OrderWorkflow +(just now|\\d+ seconds? ago)");

        var describe = cli.run("junction temporal workflow describe --workflow-id order-workflow-123");
        assertThat(describe.exitCode()).as(describe.err()).isZero();
        assertThat(describe.out())
                .startsWith("Execution Info:\n")
                .containsPattern("\n  Type +OrderWorkflow\n")
                .containsPattern("\n  TaskQueue +order-queue\n")
                .containsPattern("\n  Status +Running\n")
                .containsPattern("\n  StartTime +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .+ \\(.+\\)\n")
                .contains("Pending Activities: 0");

        var query = cli.run("junction temporal workflow query --workflow-id order-workflow-123 --name status");
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out()).isEqualTo("Query result:\n  QueryResult  \"processing order-123\"\n");

        var signal = cli.run("junction temporal workflow signal --workflow-id order-workflow-123 --name cancel "
                + "--input '\"reason\"'");
        assertThat(signal.exitCode()).as(signal.err()).isZero();
        assertThat(signal.out()).isEqualTo("Signal workflow succeeded\n");

        var result = cli.run("junction temporal workflow result --workflow-id order-workflow-123");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("Status +COMPLETED").contains("\"order order-123 cancelled: reason\"");

        var closed = cli.run("junction temporal workflow describe -w order-workflow-123 -o json");
        assertThat(closed.exitCode()).as(closed.err()).isZero();
        var json = JSON.readTree(closed.out());
        assertThat(json.at("/workflowExecutionInfo/status").asText()).isEqualTo("WORKFLOW_EXECUTION_STATUS_COMPLETED");
        assertThat(json.at("/result").asText()).isEqualTo("order order-123 cancelled: reason");
    }

    @Test
    void startsWithoutAWorkflowIdAndPassesTheJsonInputAsTheArgument() {
        var started = cli.run("junction temporal workflow start --task-queue order-queue --type OrderWorkflow "
                + "--input '\"order-123\"'");

        assertThat(started.exitCode()).as(started.err()).isZero();
        var id = field(started.out(), "WorkflowId");
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(field(started.out(), "RunId")).matches("[0-9a-f-]{36}");
        var query = cli.run("junction temporal workflow query -w " + id + " --name status -o json");
        assertThat(query.out()).isEqualToIgnoringWhitespace("{\"queryResult\": \"processing order-123\"}");
        cli.run("junction temporal workflow terminate -w " + id);
    }

    @Test
    void executeWaitsAndPrintsHistoryAndResult() {
        var run = cli.run("junction temporal workflow execute -t order-queue --type EchoWorkflow -w echo-1 "
                + "-i '\"ab\"' -i 3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Progress:\n")
                .containsPattern("\n  1 +\\S+ \\S+ +WorkflowExecutionStarted\n")
                .contains("WorkflowExecutionCompleted")
                .containsPattern("\n  Status +COMPLETED\n")
                .containsPattern("\n  Result +\"ababab\"\n");
    }

    @Test
    void executeOfAFailingWorkflowExitsOneWithItsFailure() {
        var run = cli.run("junction temporal workflow execute -t order-queue --type EchoWorkflow -w echo-fail "
                + "-i '\"fail\"' -i 1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("Status +FAILED");
        assertThat(run.err()).isEqualTo("Error: workflow failed: boom\n");
    }

    @Test
    void cancelledWorkflowEndsCanceledAndResultSaysSo() {
        start("order-cancel");

        var cancel = cli.run("junction temporal workflow cancel -w order-cancel --reason changed-mind");
        var result = cli.run("junction temporal workflow result -w order-cancel");

        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(cancel.out()).isEqualTo("Canceled workflow\n");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).containsPattern("Status +CANCELED");
        assertThat(result.err()).isEqualTo("Error: workflow canceled\n");
    }

    @Test
    void terminateRecordsTheReason() {
        start("order-terminate");

        var terminate = cli.run("junction temporal workflow terminate -w order-terminate --reason 'stuck order'");
        var describe = cli.run("junction temporal workflow describe -w order-terminate");
        var result = cli.run("junction temporal workflow result -w order-terminate");

        assertThat(terminate.out()).isEqualTo("Workflow terminated\n");
        assertThat(describe.out())
                .containsPattern("\n  Status +Terminated\n")
                .containsPattern("\n  Reason +stuck order\n");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: workflow terminated: stuck order\n");
    }

    @Test
    void showPrintsTheHistoryAsATableOrReplayableJson() throws Exception {
        start("order-show");

        var table = cli.run("junction temporal workflow show -w order-show");
        var json = cli.run("junction temporal workflow show -w order-show --output json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertAligned(table.out(), "Type", "WorkflowExecutionStarted");
        assertThat(table.out()).containsPattern("\n  1 +\\S+ \\S+ +WorkflowExecutionStarted\n");
        var events = JSON.readTree(json.out()).get("events");
        assertThat(events.get(0).get("eventType").asText()).isEqualTo("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
        cli.run("junction temporal workflow terminate -w order-show");
    }

    @Test
    void countAndListFilterWithTheListQuery() throws Exception {
        start("order-count");

        var count = cli.run("junction temporal workflow count -q \"WorkflowId='order-count'\"");
        var list = cli.run("junction temporal workflow list --query \"WorkflowId='order-count'\" -o json");

        assertThat(count.exitCode()).as(count.err()).isZero();
        assertThat(count.out()).isEqualTo("Total: 1\n");
        var executions = JSON.readTree(list.out());
        assertThat(executions.size()).isEqualTo(1);
        assertThat(executions.get(0).at("/execution/workflowId").asText()).isEqualTo("order-count");
        cli.run("junction temporal workflow terminate -w order-count");
    }

    @Test
    void unknownWorkflowIsOneLineAndExitOne() {
        var describe = cli.run("junction temporal workflow describe --workflow-id no-such-order");
        var signal = cli.run("junction temporal workflow signal -w no-such-order --name cancel");

        assertThat(describe.exitCode()).isEqualTo(1);
        assertThat(describe.out()).isEmpty();
        assertOneErrorLine(describe.err(), "Error: failed describing workflow: ");
        assertThat(signal.exitCode()).isEqualTo(1);
        assertOneErrorLine(signal.err(), "Error: failed signalling workflow: ");
    }

    @Test
    void invalidJsonInputIsRejectedBeforeAnythingStarts() {
        var start = cli.run(
                "junction temporal workflow start -t order-queue --type OrderWorkflow -w bad-json --input order-123");
        var describe = cli.run("junction temporal workflow describe -w bad-json");

        assertThat(start.exitCode()).isEqualTo(1);
        assertOneErrorLine(start.err(), "Error: input #1 is not valid JSON: ");
        assertThat(start.err()).contains("order-123");
        assertThat(describe.exitCode()).isEqualTo(1);
    }

    @Test
    void unknownQueryTypeAndBadListFilterAreOneLine() {
        start("order-bad-query");

        var query = cli.run("junction temporal workflow query -w order-bad-query --name nosuchquery");
        var list = cli.run("junction temporal workflow list -q 'WorkflowId ==== oops'");

        assertThat(query.exitCode()).isEqualTo(1);
        assertOneErrorLine(query.err(), "Error: querying workflow failed: ");
        assertThat(query.err()).contains("nosuchquery");
        assertThat(list.exitCode()).isEqualTo(1);
        assertOneErrorLine(list.err(), "Error: failed listing workflows: ");
        cli.run("junction temporal workflow terminate -w order-bad-query");
    }

    private void start(String workflowId) {
        var started = cli.run(
                "junction temporal workflow start -t order-queue --type OrderWorkflow -i '\"o\"' -w " + workflowId);
        assertThat(started.exitCode()).as(started.err()).isZero();
    }

    static void assertOneErrorLine(String err, String prefix) {
        assertThat(err).startsWith(prefix).endsWith("\n");
        assertThat(err.lines()).hasSize(1);
        assertThat(err).doesNotContain("\tat ").doesNotContain("Caused by");
    }

    /**
     * The header cell and the value start in the same column. The value is looked for as a whole cell, so that it
     * is not found inside another cell (a namespace id such as {@code ...5d...}).
     */
    static void assertAligned(String table, String header, String value) {
        var lines = table.lines().toList();
        var headerLine =
                lines.stream().filter(line -> line.contains(header)).findFirst().orElseThrow();
        var cell = Pattern.compile("(?<=^|\\s)" + Pattern.quote(value) + "(?=\\s|$)");
        var column = lines.stream()
                .map(cell::matcher)
                .filter(java.util.regex.Matcher::find)
                .map(java.util.regex.Matcher::start)
                .findFirst()
                .orElseThrow();
        assertThat(column).isEqualTo(headerLine.indexOf(header));
    }

    private static String field(String card, String name) {
        var matcher = Pattern.compile("\n {2}" + name + " +(\\S+)\n").matcher("\n" + card);
        assertThat(matcher.find()).as(card).isTrue();
        return matcher.group(1);
    }
}
