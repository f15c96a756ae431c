package io.junction.cli.temporal;

import io.temporal.api.common.v1.WorkflowExecution;
import picocli.CommandLine.Option;

/** {@code --workflow-id} and {@code --run-id}: which execution a command is about; no run id means the latest. */
final class WorkflowReference {
    @Option(
            names = {"-w", "--workflow-id"},
            required = true,
            paramLabel = "<id>",
            description = "Workflow ID")
    String workflowId;

    @Option(
            names = {"-r", "--run-id"},
            paramLabel = "<id>",
            description = "Run ID (default: the latest run)")
    String runId;

    WorkflowExecution execution() {
        var execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId);
        if (runId != null) {
            execution.setRunId(runId);
        }
        return execution.build();
    }
}
