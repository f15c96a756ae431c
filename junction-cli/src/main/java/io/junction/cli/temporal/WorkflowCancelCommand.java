package io.junction.cli.temporal;

import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code temporal workflow cancel}: asks the execution to cancel; the workflow code decides how, so it may still be
 * running afterwards.
 */
@Command(
        name = "cancel",
        sortOptions = false,
        description = "Request cancellation of a workflow execution; its code handles the cancellation.")
final class WorkflowCancelCommand extends ClientCommand {
    @Mixin
    WorkflowReference workflow;

    @Option(names = "--reason", paramLabel = "<text>", description = "Reason for the cancellation")
    String reason = "";

    @Override
    int run(Session session) {
        var request = RequestCancelWorkflowExecutionRequest.newBuilder()
                .setNamespace(session.namespace())
                .setWorkflowExecution(workflow.execution())
                .setReason(reason)
                .setIdentity(session.identity())
                .setRequestId(UUID.randomUUID().toString())
                .build();

        session.call(
                "failed to cancel workflow", () -> session.workflowService().requestCancelWorkflowExecution(request));
        if (session.json()) {
            session.printJson(Payloads.JSON.createObjectNode());
        } else {
            session.println("Canceled workflow");
        }
        return OK;
    }
}
