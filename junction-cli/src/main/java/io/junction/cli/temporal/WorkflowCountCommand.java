package io.junction.cli.temporal;

import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code temporal workflow count}: how many executions match a visibility query, grouped if it says so. */
@Command(
        name = "count",
        sortOptions = false,
        description = "Count workflow executions, optionally those matching a list filter.")
final class WorkflowCountCommand extends ClientCommand {
    @Option(
            names = {"-q", "--query"},
            paramLabel = "<filter>",
            description = "List filter; GROUP BY ExecutionStatus counts each status")
    String query = "";

    @Override
    int run(Session session) {
        var request = CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace(session.namespace())
                .setQuery(query)
                .build();
        var response = session.call(
                "failed counting workflows", () -> session.workflowService().countWorkflowExecutions(request));

        if (session.json()) {
            session.printProto(response);
            return OK;
        }
        session.println("Total: " + response.getCount());
        if (response.getGroupsCount() > 0) {
            var table = new Table("Group", "Count");
            for (var group : response.getGroupsList()) {
                table.row(
                        Payloads.text(io.temporal.api.common.v1.Payloads.newBuilder()
                                .addAllPayloads(group.getGroupValuesList())
                                .build()),
                        group.getCount());
            }
            session.print(table.render(session.style()));
        }
        return OK;
    }
}
