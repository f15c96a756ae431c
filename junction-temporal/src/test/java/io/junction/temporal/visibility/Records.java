package io.junction.temporal.visibility;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Instant;
import java.util.Map;

/** Visibility records for tests. */
final class Records {
    static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    private Records() {}

    static VisibilityRecord running(String workflowId, String workflowType, Map<String, Object> attributes) {
        return record(
                workflowId,
                workflowType,
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
                START,
                null,
                attributes);
    }

    static VisibilityRecord record(
            String workflowId,
            String workflowType,
            WorkflowExecutionStatus status,
            Instant start,
            Instant close,
            Map<String, Object> attributes) {
        return new VisibilityRecord(
                "default",
                workflowId,
                "run-" + workflowId,
                workflowType,
                "orders",
                status,
                start,
                start,
                close,
                12,
                2048,
                7,
                null,
                null,
                null,
                null,
                null,
                attributes);
    }
}
