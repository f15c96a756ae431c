package io.junction.temporal.visibility;

import static io.junction.temporal.visibility.SearchAttributeNames.CLOSE_TIME;
import static io.junction.temporal.visibility.SearchAttributeNames.EXECUTION_DURATION;
import static io.junction.temporal.visibility.SearchAttributeNames.EXECUTION_STATUS;
import static io.junction.temporal.visibility.SearchAttributeNames.EXECUTION_TIME;
import static io.junction.temporal.visibility.SearchAttributeNames.HISTORY_LENGTH;
import static io.junction.temporal.visibility.SearchAttributeNames.HISTORY_SIZE_BYTES;
import static io.junction.temporal.visibility.SearchAttributeNames.PARENT_RUN_ID;
import static io.junction.temporal.visibility.SearchAttributeNames.PARENT_WORKFLOW_ID;
import static io.junction.temporal.visibility.SearchAttributeNames.ROOT_RUN_ID;
import static io.junction.temporal.visibility.SearchAttributeNames.ROOT_WORKFLOW_ID;
import static io.junction.temporal.visibility.SearchAttributeNames.RUN_ID;
import static io.junction.temporal.visibility.SearchAttributeNames.START_TIME;
import static io.junction.temporal.visibility.SearchAttributeNames.STATE_TRANSITION_COUNT;
import static io.junction.temporal.visibility.SearchAttributeNames.TASK_QUEUE;
import static io.junction.temporal.visibility.SearchAttributeNames.WORKFLOW_ID;
import static io.junction.temporal.visibility.SearchAttributeNames.WORKFLOW_TYPE;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What visibility knows about one workflow run: the system attributes as components, the custom and predefined
 * search attributes as typed values (see {@link SearchAttributeCodec} for the Java types).
 *
 * @param closeTime {@code null} while the run is open
 * @param parentWorkflowId {@code null} unless the run is a child workflow; so is {@code parentRunId}
 * @param searchAttributes custom and predefined values by name; {@code null} values are dropped
 */
public record VisibilityRecord(
        String namespace,
        String workflowId,
        String runId,
        String workflowType,
        String taskQueue,
        WorkflowExecutionStatus status,
        Instant startTime,
        Instant executionTime,
        Instant closeTime,
        long historyLength,
        long historySizeBytes,
        long stateTransitionCount,
        String parentWorkflowId,
        String parentRunId,
        String rootWorkflowId,
        String rootRunId,
        Memo memo,
        Map<String, Object> searchAttributes) {
    public VisibilityRecord {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(taskQueue, "taskQueue");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startTime, "startTime");
        executionTime = executionTime == null ? startTime : executionTime;
        rootWorkflowId = rootWorkflowId == null ? workflowId : rootWorkflowId;
        rootRunId = rootRunId == null ? runId : rootRunId;
        memo = memo == null ? Memo.getDefaultInstance() : memo;
        searchAttributes = copyWithoutNulls(searchAttributes);
    }

    /** Whether the run has closed, by any status other than Running. */
    public boolean isClosed() {
        return status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    }

    /** Close time minus execution time, never negative; {@code null} while open or without a close time. */
    public Duration executionDuration() {
        if (!isClosed() || closeTime == null) {
            return null;
        }
        var duration = Duration.between(executionTime, closeTime);
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /**
     * The value of a system, predefined or custom attribute as the list filter sees it, or {@code null} when the run
     * has none. ExecutionStatus reads as Temporal's name ({@code Running}), ExecutionDuration as nanoseconds.
     */
    public Object value(String name) {
        return switch (name) {
            case WORKFLOW_ID -> workflowId;
            case RUN_ID -> runId;
            case WORKFLOW_TYPE -> workflowType;
            case TASK_QUEUE -> taskQueue;
            case EXECUTION_STATUS -> TemporalNames.statusName(status);
            case START_TIME -> startTime;
            case EXECUTION_TIME -> executionTime;
            case CLOSE_TIME -> isClosed() ? closeTime : null;
            case HISTORY_LENGTH -> historyLength;
            case HISTORY_SIZE_BYTES -> historySizeBytes;
            case STATE_TRANSITION_COUNT -> stateTransitionCount;
            case EXECUTION_DURATION -> {
                var duration = executionDuration();
                yield duration == null ? null : duration.toNanos();
            }
            case PARENT_WORKFLOW_ID -> parentWorkflowId;
            case PARENT_RUN_ID -> parentRunId;
            case ROOT_WORKFLOW_ID -> rootWorkflowId;
            case ROOT_RUN_ID -> rootRunId;
            default -> searchAttributes.get(name);
        };
    }

    /**
     * The proto that ListWorkflowExecutions and DescribeWorkflowExecution return. As Temporal does, close time,
     * execution duration, history length and size and state transition count are set only once the run has closed,
     * and search attributes the registry no longer knows are left out.
     */
    public WorkflowExecutionInfo toWorkflowExecutionInfo(SearchAttributeRegistry registry) {
        var info = WorkflowExecutionInfo.newBuilder()
                .setExecution(execution(workflowId, runId))
                .setType(WorkflowType.newBuilder().setName(workflowType))
                .setStartTime(timestamp(startTime))
                .setExecutionTime(timestamp(executionTime))
                .setStatus(status)
                .setTaskQueue(taskQueue)
                .setMemo(memo)
                .setSearchAttributes(SearchAttributeCodec.encode(searchAttributes, registry))
                .setRootExecution(execution(rootWorkflowId, rootRunId));
        if (parentWorkflowId != null && !parentWorkflowId.isEmpty()) {
            info.setParentExecution(execution(parentWorkflowId, parentRunId == null ? "" : parentRunId));
        }
        if (isClosed() && closeTime != null) {
            var duration = executionDuration();
            info.setCloseTime(timestamp(closeTime))
                    .setExecutionDuration(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(duration.getSeconds())
                            .setNanos(duration.getNano()))
                    .setHistoryLength(historyLength)
                    .setHistorySizeBytes(historySizeBytes)
                    .setStateTransitionCount(stateTransitionCount);
        }
        return info.build();
    }

    private static WorkflowExecution execution(String workflowId, String runId) {
        return WorkflowExecution.newBuilder()
                .setWorkflowId(workflowId)
                .setRunId(runId)
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    private static Map<String, Object> copyWithoutNulls(Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        var copy = new HashMap<String, Object>();
        values.forEach((name, value) -> {
            if (value != null) {
                copy.put(name, value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
