package io.junction.temporal.workflow;

import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one workflow run, as stored in the {@code executions.state} column after every change.
 * History events are stored beside it; this holds what history alone cannot tell cheaply: pending activities with
 * their attempts and heartbeats, timers with their deadlines, children, buffered events and the workflow task.
 *
 * <p>What a worker has started but not finished (a started workflow task or activity attempt) is kept here too but
 * is forgotten on recovery: the task is then dispatched again, as after a lost worker.
 */
final class RunState {
    String namespace;
    String workflowId;
    String runId;
    WorkflowExecutionStartedEventAttributes started;
    WorkflowExecutionStatus status = WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    long startTime;
    long executionTime;
    long closeTime;
    long nextEventId = 1;
    long previousStartedEventId;
    long historySizeBytes;
    long stateTransitions;
    String startRequestId;
    String newRunId;
    WorkflowTask workflowTask;
    Map<Long, Activity> activities = new LinkedHashMap<>();
    Map<String, Timer> timers = new LinkedHashMap<>();
    Map<Long, Child> children = new LinkedHashMap<>();
    Map<Long, External> externals = new LinkedHashMap<>();
    List<HistoryEvent> buffered = new ArrayList<>();
    List<String> signalRequestIds = new ArrayList<>();
    Memo memo = Memo.getDefaultInstance();
    SearchAttributes searchAttributes = SearchAttributes.getDefaultInstance();
    boolean cancelRequested;
    long runDeadline;
    String stickyQueue;
    long stickyTimeoutMillis;
    long workflowTaskBackoffUntil;
    long executionDeadline;

    boolean isRunning() {
        return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    }

    /** The one workflow task a run may have at a time. */
    static final class WorkflowTask {
        long scheduledEventId;
        int attempt = 1;
        long scheduledTime;
        long notBefore;
        String taskQueue;
        long startedEventId;
        long startedTime;
        String identity;
        String requestId;
        long timeoutMillis;

        boolean isStarted() {
            return startedEventId > 0;
        }
    }

    /** An activity between ActivityTaskScheduled and its closing event, across all its attempts. */
    static final class Activity {
        long scheduledEventId;
        ActivityTaskScheduledEventAttributes attributes;
        long scheduledTime;
        int attempt = 1;
        long attemptScheduledTime;
        long notBefore;
        Failure lastFailure;
        Payloads heartbeatDetails;
        long lastHeartbeatTime;
        boolean cancelRequested;
        long startedTime;
        String identity;
        String requestId;

        boolean isStarted() {
            return startedTime > 0;
        }
    }

    /** A timer between TimerStarted and TimerFired or TimerCanceled. */
    static final class Timer {
        String timerId;
        long startedEventId;
        long fireTime;
    }

    /** A child workflow between StartChildWorkflowExecutionInitiated and its closing event. */
    static final class Child {
        long initiatedEventId;
        StartChildWorkflowExecutionInitiatedEventAttributes attributes;
        String runId;
        long startedEventId;
        ParentClosePolicy parentClosePolicy;
    }

    /** A signal or cancel request to another workflow, waiting for its outcome. */
    static final class External {
        long initiatedEventId;
        boolean signal;
        String namespace;
        String workflowId;
        String runId;
        String signalName;
        Payloads input;
        String control;
    }
}
