package io.junction.cli.temporal;

import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code temporal workflow terminate}: ends an execution at once; its code gets no chance to clean up. */
@Command(
        name = "terminate",
        sortOptions = false,
        description = "Terminate a workflow execution at once; use cancel to let its code clean up.")
final class WorkflowTerminateCommand extends ClientCommand {
    @Mixin
    WorkflowReference workflow;

    @Option(
            names = "--reason",
            paramLabel = "<text>",
            description = "Reason for the termination, kept in the history (default: names the user)")
    String reason;

    @Override
    int run(Session session) {
        var request = TerminateWorkflowExecutionRequest.newBuilder()
                .setNamespace(session.namespace())
                .setWorkflowExecution(workflow.execution())
                .setReason(reason != null ? reason : "Requested from CLI by " + System.getProperty("user.name"))
                .setIdentity(session.identity())
                .build();

        session.call(
                "failed to terminate workflow", () -> session.workflowService().terminateWorkflowExecution(request));
        if (session.json()) {
            session.printJson(Payloads.JSON.createObjectNode());
        } else {
            session.println("Workflow terminated");
        }
        return OK;
    }
}
