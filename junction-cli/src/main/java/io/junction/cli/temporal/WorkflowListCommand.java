package io.junction.cli.temporal;

import com.google.protobuf.ByteString;
import io.junction.cli.Style;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code temporal workflow list}: executions, newest first, optionally filtered by a visibility query. */
@Command(
        name = "list",
        sortOptions = false,
        description = "List workflow executions, optionally those matching a list filter.")
final class WorkflowListCommand extends ClientCommand {
    private static final String STATUS_PREFIX = "WORKFLOW_EXECUTION_STATUS_";

    @Option(
            names = {"-q", "--query"},
            paramLabel = "<filter>",
            description = "List filter, e.g. \"WorkflowType='OrderWorkflow' AND ExecutionStatus='Running'\"")
    String query = "";

    @Option(names = "--limit", paramLabel = "<n>", description = "Show at most this many executions")
    int limit;

    @Option(
            names = "--page-size",
            paramLabel = "<n>",
            description = "Executions to fetch per request (default: ${DEFAULT-VALUE})",
            defaultValue = "100")
    int pageSize;

    @Override
    int run(Session session) {
        var executions = fetch(session);

        if (session.json()) {
            var array = Payloads.JSON.createArrayNode();
            executions.forEach(execution -> array.add(Session.tree(execution)));
            if (session.jsonLines()) {
                array.forEach(session::printJson);
            } else {
                session.printJson(array);
            }
            return OK;
        }
        var table = new Table("Status", "WorkflowId", "Type", "StartTime");
        var style = session.style();
        for (var execution : executions) {
            table.row(
                    status(execution.getStatus(), style),
                    execution.getExecution().getWorkflowId(),
                    execution.getType().getName(),
                    Human.relative(Human.instant(execution.getStartTime()), session.clock()));
        }
        session.print(table.isEmpty() ? "" : table.render(style));
        return OK;
    }

    private List<WorkflowExecutionInfo> fetch(Session session) {
        var executions = new ArrayList<WorkflowExecutionInfo>();
        var token = ByteString.EMPTY;
        do {
            var request = ListWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(session.namespace())
                    .setQuery(query)
                    .setPageSize(limit > 0 ? Math.min(limit, pageSize) : pageSize)
                    .setNextPageToken(token)
                    .build();
            var page = session.call(
                    "failed listing workflows", () -> session.workflowService().listWorkflowExecutions(request));
            for (var execution : page.getExecutionsList()) {
                if (limit > 0 && executions.size() >= limit) {
                    return executions;
                }
                executions.add(execution);
            }
            token = page.getNextPageToken();
        } while (!token.isEmpty() && (limit <= 0 || executions.size() < limit));
        return executions;
    }

    /** {@code Running} in blue, {@code Completed} in green, the failures in red, on a terminal. */
    static Shown status(WorkflowExecutionStatus status, Style style) {
        var text = Human.enumName(status, STATUS_PREFIX);
        var shown =
                switch (status) {
                    case WORKFLOW_EXECUTION_STATUS_RUNNING -> style.blue(text);
                    case WORKFLOW_EXECUTION_STATUS_COMPLETED -> style.green(text);
                    case WORKFLOW_EXECUTION_STATUS_CANCELED, WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW ->
                        style.yellow(text);
                    case WORKFLOW_EXECUTION_STATUS_FAILED,
                            WORKFLOW_EXECUTION_STATUS_TERMINATED,
                            WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> style.red(text);
                    default -> text;
                };
        return new Shown(text, shown);
    }
}
