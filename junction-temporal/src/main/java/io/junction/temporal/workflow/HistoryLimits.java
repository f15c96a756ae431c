package io.junction.temporal.workflow;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionTerminatedEventAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's hard limits on one run's history (history.historySizeLimitError and historyCountLimitError): a run
 * that grows past them is terminated, so one runaway workflow cannot exhaust the store.
 */
final class HistoryLimits {
    static final long MAX_EVENTS = 51_200;
    static final long MAX_BYTES = 50L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(HistoryLimits.class);

    private HistoryLimits() {}

    /** Terminates the run in {@code change} when its history is over a limit; true when it did. */
    static boolean enforce(Execution execution, Change change, Lifecycle lifecycle) {
        var state = execution.state;
        if (!state.isRunning()) {
            return false;
        }
        var events = state.nextEventId - 1;
        if (events <= MAX_EVENTS && state.historySizeBytes <= MAX_BYTES) {
            return false;
        }
        LOG.warn(
                "terminating workflow over the history limit workflowId={} runId={} events={} bytes={}",
                state.workflowId,
                state.runId,
                events,
                state.historySizeBytes);
        var task = state.workflowTask;
        if (task != null && task.isStarted()) {
            task.startedEventId = 0;
        }
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED)
                .setWorkflowExecutionTerminatedEventAttributes(WorkflowExecutionTerminatedEventAttributes.newBuilder()
                        .setReason(
                                events > MAX_EVENTS
                                        ? "Workflow history count exceeds limit."
                                        : "Workflow history size exceeds limit.")
                        .setIdentity("history-service")));
        lifecycle.close(execution, change, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
        return true;
    }
}
