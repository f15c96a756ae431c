package io.junction.temporal.workflow;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.junction.temporal.persistence.StoreWrite;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;

/** The visibility row of a run: what List, Count and Describe report about it. */
final class Visibility {
    private Visibility() {}

    static WorkflowExecutionInfo info(Execution execution) {
        var state = execution.state;
        var info = WorkflowExecutionInfo.newBuilder()
                .setExecution(execution.execution())
                .setType(state.started.getWorkflowType())
                .setStartTime(Timestamps.fromMillis(state.startTime))
                .setExecutionTime(Timestamps.fromMillis(state.executionTime))
                .setStatus(state.status)
                .setHistoryLength(state.nextEventId - 1)
                .setHistorySizeBytes(state.historySizeBytes)
                .setMemo(state.memo)
                .setSearchAttributes(state.searchAttributes)
                .setTaskQueue(state.started.getTaskQueue().getName())
                .setStateTransitionCount(state.stateTransitions)
                .setFirstRunId(state.started.getFirstExecutionRunId());
        if (state.started.hasParentWorkflowExecution()) {
            info.setParentNamespaceId(state.started.getParentWorkflowNamespace())
                    .setParentExecution(state.started.getParentWorkflowExecution());
        }
        info.setRootExecution(
                state.started.hasParentWorkflowExecution()
                        ? state.started.getParentWorkflowExecution()
                        : WorkflowExecution.newBuilder()
                                .setWorkflowId(state.workflowId)
                                .setRunId(state.runId)
                                .build());
        if (!state.isRunning()) {
            info.setCloseTime(Timestamps.fromMillis(state.closeTime))
                    .setExecutionDuration(Durations.fromMillis(Math.max(0, state.closeTime - state.executionTime)));
        }
        return info.build();
    }

    static StoreWrite.PutVisibility row(Execution execution) {
        var state = execution.state;
        return new StoreWrite.PutVisibility(
                state.namespace,
                state.runId,
                state.workflowId,
                state.started.getWorkflowType().getName(),
                state.status.getNumber(),
                state.startTime,
                state.isRunning() ? 0 : state.closeTime,
                info(execution).toByteArray());
    }
}
