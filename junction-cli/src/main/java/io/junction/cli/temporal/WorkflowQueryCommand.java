package io.junction.cli.temporal;

import io.temporal.api.enums.v1.QueryRejectCondition;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code temporal workflow query}: asks a worker for the execution's state through one of its query handlers and
 * prints the answer as JSON.
 */
@Command(
        name = "query",
        sortOptions = false,
        description = "Query a workflow execution's state through one of its query handlers.")
final class WorkflowQueryCommand extends ClientCommand {
    @Mixin
    WorkflowReference workflow;

    @Option(
            names = {"--name", "--type"},
            required = true,
            paramLabel = "<query>",
            description = "Query type name")
    String name;

    @Mixin
    InputOptions input;

    @Option(
            names = "--reject-condition",
            paramLabel = "<condition>",
            description = "Reject the query when the workflow is not_open or not_completed_cleanly")
    String rejectCondition;

    @Override
    int run(Session session) {
        var query = WorkflowQuery.newBuilder().setQueryType(name);
        var payloads = input.payloads();
        if (payloads.getPayloadsCount() > 0) {
            query.setQueryArgs(payloads);
        }
        var request = QueryWorkflowRequest.newBuilder()
                .setNamespace(session.namespace())
                .setExecution(workflow.execution())
                .setQuery(query)
                .setQueryRejectCondition(rejectCondition())
                .build();

        var response = session.call(
                "querying workflow failed", () -> session.workflowService().queryWorkflow(request));
        if (response.hasQueryRejected()) {
            throw new CliException("query was rejected, workflow has status: "
                    + Human.enumName(response.getQueryRejected().getStatus(), "WORKFLOW_EXECUTION_STATUS_"));
        }
        var result = Payloads.json(response.getQueryResult());
        if (session.json()) {
            session.printJson(Payloads.JSON.createObjectNode().set("queryResult", result));
        } else {
            session.heading("Query result:");
            session.print(new Card().add("QueryResult", result.toString()).render());
        }
        return OK;
    }

    private QueryRejectCondition rejectCondition() {
        if (rejectCondition == null) {
            return QueryRejectCondition.QUERY_REJECT_CONDITION_NONE;
        }
        return switch (rejectCondition) {
            case "not_open" -> QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_OPEN;
            case "not_completed_cleanly" -> QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_COMPLETED_CLEANLY;
            default ->
                throw new CliException("invalid query reject condition: " + rejectCondition
                        + ", valid values are: 'not_open', 'not_completed_cleanly'");
        };
    }
}
