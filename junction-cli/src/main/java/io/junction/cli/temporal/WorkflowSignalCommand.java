package io.junction.cli.temporal;

import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code temporal workflow signal}: sends a signal, with JSON arguments, to a running execution. */
@Command(name = "signal", sortOptions = false, description = "Send a signal to a running workflow execution.")
final class WorkflowSignalCommand extends ClientCommand {
    @Mixin
    WorkflowReference workflow;

    @Option(
            names = {"--name", "--type"},
            required = true,
            paramLabel = "<signal>",
            description = "Signal name")
    String name;

    @Mixin
    InputOptions input;

    @Override
    int run(Session session) {
        var payloads = input.payloads();
        var request = SignalWorkflowExecutionRequest.newBuilder()
                .setNamespace(session.namespace())
                .setWorkflowExecution(workflow.execution())
                .setSignalName(name)
                .setIdentity(session.identity())
                .setRequestId(UUID.randomUUID().toString());
        if (payloads.getPayloadsCount() > 0) {
            request.setInput(payloads);
        }

        session.call(
                "failed signalling workflow", () -> session.workflowService().signalWorkflowExecution(request.build()));
        if (session.json()) {
            session.printJson(Payloads.JSON.createObjectNode());
        } else {
            session.println("Signal workflow succeeded");
        }
        return OK;
    }
}
