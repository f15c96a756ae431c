package io.junction.cli.temporal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code temporal workflow result}: waits for a run to close and prints its result; exits 1 unless it completed. */
@Command(
        name = "result",
        sortOptions = false,
        description = "Wait for a workflow execution to close and print its result.")
final class WorkflowResultCommand extends ClientCommand {
    @Mixin
    WorkflowReference workflow;

    @Override
    int run(Session session) {
        var outcome = Outcome.of(Histories.closeEvent(session, workflow.workflowId, workflow.runId));

        if (session.json()) {
            var json = Payloads.JSON.createObjectNode().put("workflowId", workflow.workflowId);
            if (workflow.runId != null) {
                json.put("runId", workflow.runId);
            }
            json.put("namespace", session.namespace());
            session.printJson(outcome.addTo(json));
        } else {
            session.heading("Results:");
            session.print(outcome.card(session.style(), null).render());
        }
        if (!outcome.completed()) {
            throw new CliException(outcome.error());
        }
        return OK;
    }
}
