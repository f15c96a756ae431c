package io.junction.cli.temporal;

import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The temporal CLI's options for starting a workflow, shared by {@code start} and {@code execute}. */
final class StartOptions {
    @Option(
            names = {"-w", "--workflow-id"},
            paramLabel = "<id>",
            description = "Workflow ID (default: a new UUID)")
    String workflowId;

    @Option(
            names = {"--type", "--name"},
            required = true,
            paramLabel = "<type>",
            description = "Workflow type name")
    String type;

    @Option(
            names = {"-t", "--task-queue"},
            required = true,
            paramLabel = "<queue>",
            description = "Workflow task queue")
    String taskQueue;

    @Option(
            names = "--execution-timeout",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description = "Fail the workflow execution if it lasts longer, retries and continue-as-new included")
    Duration executionTimeout;

    @Option(
            names = "--run-timeout",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description = "Fail a workflow run if it lasts longer")
    Duration runTimeout;

    @Option(
            names = "--task-timeout",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            defaultValue = "10s",
            description = "Start-to-close timeout of a workflow task (default: ${DEFAULT-VALUE})")
    Duration taskTimeout;

    @Mixin
    InputOptions input;

    StartWorkflowExecutionRequest request(Session session) {
        var payloads = input.payloads();
        var request = StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(session.namespace())
                .setWorkflowId(workflowId())
                .setWorkflowType(WorkflowType.newBuilder().setName(type))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue).setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                .setWorkflowTaskTimeout(proto(taskTimeout))
                .setIdentity(session.identity())
                .setRequestId(UUID.randomUUID().toString());
        if (payloads.getPayloadsCount() > 0) {
            request.setInput(payloads);
        }
        if (executionTimeout != null) {
            request.setWorkflowExecutionTimeout(proto(executionTimeout));
        }
        if (runTimeout != null) {
            request.setWorkflowRunTimeout(proto(runTimeout));
        }
        return request.build();
    }

    private String workflowId() {
        if (workflowId == null) {
            workflowId = UUID.randomUUID().toString();
        }
        return workflowId;
    }

    static com.google.protobuf.Duration proto(Duration duration) {
        return com.google.protobuf.Duration.newBuilder()
                .setSeconds(duration.getSeconds())
                .setNanos(duration.getNano())
                .build();
    }
}
