package io.junction.temporal.workflow;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.PendingWorkflowTaskState;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionContinuedAsNewEventAttributes;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingChildExecutionInfo;
import io.temporal.api.workflow.v1.PendingWorkflowTaskInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionConfig;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reading runs: history pages with long polls for new or close events, and DescribeWorkflowExecution. */
final class Histories {
    private static final int DEFAULT_PAGE = 1000;

    private final Core core;

    Histories(Core core) {
        this.core = core;
    }

    GetWorkflowExecutionHistoryResponse history(GetWorkflowExecutionHistoryRequest request, long waitMillis) {
        var key = core.runs.resolve(request.getNamespace(), request.getExecution());
        var closeOnly =
                request.getHistoryEventFilterType() == HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT;
        var from = request.getNextPageToken().isEmpty() ? 1 : fromToken(request.getNextPageToken());
        if (from < 1) {
            throw EngineException.invalidArgument("Invalid NextPageToken.");
        }
        var pageSize = request.getMaximumPageSize() <= 0 ? DEFAULT_PAGE : request.getMaximumPageSize();
        var deadline = System.currentTimeMillis() + waitMillis;
        while (true) {
            var execution = core.runs.get(key);
            java.util.concurrent.CompletableFuture<Void> change;
            execution.lock.lock();
            try {
                var running = execution.state.isRunning();
                var events = execution.history;
                if (closeOnly) {
                    if (!running) {
                        return GetWorkflowExecutionHistoryResponse.newBuilder()
                                .setHistory(History.newBuilder().addEvents(followable(events.get(events.size() - 1))))
                                .build();
                    }
                } else if (events.size() >= from) {
                    var to = (int) Math.min(events.size(), from - 1 + pageSize);
                    var page = new ArrayList<>(events.subList((int) from - 1, to));
                    var inFlight = WorkflowTasks.inFlightStartedEvent(execution.state);
                    if (to == events.size() && inFlight != null && !request.getWaitNewEvent()) {
                        page.add(inFlight);
                    }
                    var response = GetWorkflowExecutionHistoryResponse.newBuilder()
                            .setHistory(History.newBuilder().addAllEvents(page));
                    if (to < events.size() || (running && request.getWaitNewEvent())) {
                        response.setNextPageToken(token(to + 1));
                    }
                    return response.build();
                } else if (!running || !request.getWaitNewEvent()) {
                    return GetWorkflowExecutionHistoryResponse.getDefaultInstance();
                }
                if (!request.getWaitNewEvent()) {
                    return GetWorkflowExecutionHistoryResponse.getDefaultInstance();
                }
                change = execution.nextChange();
            } finally {
                execution.lock.unlock();
            }
            var remaining = deadline - System.currentTimeMillis();
            if (remaining <= 0 || !await(change, remaining)) {
                var empty = GetWorkflowExecutionHistoryResponse.newBuilder();
                if (!request.getNextPageToken().isEmpty()) {
                    empty.setNextPageToken(request.getNextPageToken());
                }
                return empty.build();
            }
        }
    }

    /**
     * The close event a client waiting for a result should see. The SDKs follow a chain of runs only through
     * WorkflowExecutionContinuedAsNew, so a run that closed into a retry or its next cron run is shown that way, as
     * Temporal's frontend does for close-event polls.
     */
    static HistoryEvent followable(HistoryEvent close) {
        var continued = WorkflowExecutionContinuedAsNewEventAttributes.newBuilder();
        switch (close.getEventType()) {
            case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
                var attributes = close.getWorkflowExecutionCompletedEventAttributes();
                continued
                        .setNewExecutionRunId(attributes.getNewExecutionRunId())
                        .setLastCompletionResult(attributes.getResult());
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
                var attributes = close.getWorkflowExecutionFailedEventAttributes();
                continued
                        .setNewExecutionRunId(attributes.getNewExecutionRunId())
                        .setFailure(attributes.getFailure());
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT ->
                continued.setNewExecutionRunId(
                        close.getWorkflowExecutionTimedOutEventAttributes().getNewExecutionRunId());
            default -> {
                return close;
            }
        }
        if (continued.getNewExecutionRunId().isEmpty()) {
            return close;
        }
        return HistoryEvent.newBuilder()
                .setEventId(close.getEventId())
                .setEventTime(close.getEventTime())
                .setTaskId(close.getTaskId())
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW)
                .setWorkflowExecutionContinuedAsNewEventAttributes(continued)
                .build();
    }

    private static boolean await(java.util.concurrent.CompletableFuture<Void> change, long millis) {
        try {
            change.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    GetWorkflowExecutionHistoryReverseResponse reverse(GetWorkflowExecutionHistoryReverseRequest request) {
        var key = core.runs.resolve(request.getNamespace(), request.getExecution());
        var execution = core.runs.get(key);
        var pageSize = request.getMaximumPageSize() <= 0 ? DEFAULT_PAGE : request.getMaximumPageSize();
        List<HistoryEvent> events;
        execution.lock.lock();
        try {
            events = List.copyOf(execution.history);
        } finally {
            execution.lock.unlock();
        }
        var last = request.getNextPageToken().isEmpty() ? events.size() : fromToken(request.getNextPageToken());
        if (last > events.size()) {
            throw EngineException.invalidArgument("Invalid NextPageToken.");
        }
        var first = Math.max(1, last - pageSize + 1);
        var page = new ArrayList<HistoryEvent>();
        for (var id = last; id >= first; id--) {
            page.add(events.get((int) id - 1));
        }
        var response = GetWorkflowExecutionHistoryReverseResponse.newBuilder()
                .setHistory(History.newBuilder().addAllEvents(page));
        if (first > 1) {
            response.setNextPageToken(token(first - 1));
        }
        return response.build();
    }

    private static ByteString token(long eventId) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(eventId).array());
    }

    private static long fromToken(ByteString token) {
        if (token.size() != 8) {
            throw EngineException.invalidArgument("Invalid NextPageToken.");
        }
        return token.asReadOnlyByteBuffer().getLong();
    }

    DescribeWorkflowExecutionResponse describe(DescribeWorkflowExecutionRequest request) {
        var key = core.runs.resolve(request.getNamespace(), request.getExecution());
        var execution = core.runs.get(key);
        execution.lock.lock();
        try {
            var state = execution.state;
            var response = DescribeWorkflowExecutionResponse.newBuilder()
                    .setExecutionConfig(WorkflowExecutionConfig.newBuilder()
                            .setTaskQueue(state.started.getTaskQueue())
                            .setWorkflowExecutionTimeout(state.started.getWorkflowExecutionTimeout())
                            .setWorkflowRunTimeout(state.started.getWorkflowRunTimeout())
                            .setDefaultWorkflowTaskTimeout(state.started.getWorkflowTaskTimeout()))
                    .setWorkflowExecutionInfo(Visibility.info(execution));
            for (var activity : state.activities.values()) {
                response.addPendingActivities(pendingActivity(activity));
            }
            for (var child : state.children.values()) {
                var info = PendingChildExecutionInfo.newBuilder()
                        .setWorkflowId(child.attributes.getWorkflowId())
                        .setWorkflowTypeName(child.attributes.getWorkflowType().getName())
                        .setInitiatedId(child.initiatedEventId)
                        .setParentClosePolicy(child.parentClosePolicy);
                if (child.runId != null) {
                    info.setRunId(child.runId);
                }
                response.addPendingChildren(info);
            }
            var task = state.workflowTask;
            if (task != null) {
                var pending = PendingWorkflowTaskInfo.newBuilder()
                        .setState(
                                task.isStarted()
                                        ? PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_STARTED
                                        : PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED)
                        .setScheduledTime(Timestamps.fromMillis(task.scheduledTime))
                        .setOriginalScheduledTime(Timestamps.fromMillis(task.scheduledTime))
                        .setAttempt(task.attempt);
                if (task.isStarted()) {
                    pending.setStartedTime(Timestamps.fromMillis(task.startedTime));
                }
                response.setPendingWorkflowTask(pending);
            }
            return response.build();
        } finally {
            execution.lock.unlock();
        }
    }

    private static PendingActivityInfo pendingActivity(RunState.Activity activity) {
        var info = PendingActivityInfo.newBuilder()
                .setActivityId(activity.attributes.getActivityId())
                .setActivityType(activity.attributes.getActivityType())
                .setState(
                        activity.cancelRequested
                                ? PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED
                                : activity.isStarted()
                                        ? PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
                                        : PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED)
                .setAttempt(activity.attempt)
                .setMaximumAttempts(activity.attributes.getRetryPolicy().getMaximumAttempts())
                .setScheduledTime(Timestamps.fromMillis(activity.attemptScheduledTime));
        if (activity.heartbeatDetails != null) {
            info.setHeartbeatDetails(activity.heartbeatDetails);
        }
        if (activity.lastHeartbeatTime > 0) {
            info.setLastHeartbeatTime(Timestamps.fromMillis(activity.lastHeartbeatTime));
        }
        if (activity.isStarted()) {
            info.setLastStartedTime(Timestamps.fromMillis(activity.startedTime));
            info.setLastWorkerIdentity(activity.identity == null ? "" : activity.identity);
        }
        if (activity.lastFailure != null) {
            info.setLastFailure(activity.lastFailure);
        }
        var scheduleToClose = Durations.toMillis(activity.attributes.getScheduleToCloseTimeout());
        if (scheduleToClose > 0) {
            info.setExpirationTime(Timestamps.fromMillis(activity.scheduledTime + scheduleToClose));
        }
        return info.build();
    }
}
