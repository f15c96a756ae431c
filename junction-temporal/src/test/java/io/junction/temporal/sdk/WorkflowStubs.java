package io.junction.temporal.sdk;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowStub;

/** Small lookups the SDK tests share. */
final class WorkflowStubs {
    private WorkflowStubs() {}

    static WorkflowStub untyped(JunctionTemporal temporal, String workflowId) {
        return temporal.client.newUntypedWorkflowStub(workflowId);
    }

    static WorkflowExecutionStatus status(JunctionTemporal temporal, String workflowId) {
        return temporal.service
                .blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build())
                .getWorkflowExecutionInfo()
                .getStatus();
    }
}
