package io.junction.temporal.workflow;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.command.v1.ScheduleActivityTaskCommandAttributes;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.failure.v1.TimeoutFailureInfo;
import io.temporal.api.history.v1.ActivityTaskCanceledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskTimedOutEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import java.util.function.LongFunction;

/**
 * Activity tasks across their attempts: scheduling, dispatch, start, heartbeats, results, the four timeouts and
 * retries. As in Temporal, an attempt's ActivityTaskStarted event is written only when the activity closes, with
 * the final attempt number and last failure; retries leave no trace in history.
 */
final class Activities {
    private final Core core;

    Activities(Core core) {
        this.core = core;
    }

    void schedule(
            Execution execution, Change change, ScheduleActivityTaskCommandAttributes command, long completedEventId) {
        var state = execution.state;
        var timeouts = ActivityTimeouts.normalize(command, state.started.getWorkflowRunTimeout());
        var taskQueue =
                command.getTaskQueue().getName().isEmpty() ? state.started.getTaskQueue() : command.getTaskQueue();
        var attributes = ActivityTaskScheduledEventAttributes.newBuilder()
                .setActivityId(command.getActivityId())
                .setActivityType(command.getActivityType())
                .setTaskQueue(taskQueue)
                .setHeader(command.getHeader())
                .setInput(command.getInput())
                .setScheduleToCloseTimeout(Durations.fromMillis(timeouts.scheduleToClose()))
                .setScheduleToStartTimeout(Durations.fromMillis(timeouts.scheduleToStart()))
                .setStartToCloseTimeout(Durations.fromMillis(timeouts.startToClose()))
                .setHeartbeatTimeout(Durations.fromMillis(timeouts.heartbeat()))
                .setWorkflowTaskCompletedEventId(completedEventId)
                .setRetryPolicy(RetryPolicies.withActivityDefaults(command.getRetryPolicy()))
                .build();
        var event = execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .setActivityTaskScheduledEventAttributes(attributes));
        var activity = new RunState.Activity();
        activity.scheduledEventId = event.getEventId();
        activity.attributes = attributes;
        activity.scheduledTime = System.currentTimeMillis();
        activity.attemptScheduledTime = activity.scheduledTime;
        state.activities.put(activity.scheduledEventId, activity);
        var key = execution.key();
        change.then(() -> {
            dispatch(key, activity, 1, 0);
            armScheduleTimeouts(key, activity, 1);
        });
    }

    private void dispatch(ExecutionKey key, RunState.Activity activity, int attempt, long notBefore) {
        var queue = core.activityQueue(
                key.namespace(), activity.attributes.getTaskQueue().getName());
        var task = new Core.Dispatch.ActivityTask(key, activity.scheduledEventId, attempt);
        if (notBefore <= System.currentTimeMillis()) {
            queue.offer(task);
        } else {
            core.timers.at(notBefore, () -> queue.offer(task));
        }
    }

    private void armScheduleTimeouts(ExecutionKey key, RunState.Activity activity, int attempt) {
        var scheduleToClose = Durations.toMillis(activity.attributes.getScheduleToCloseTimeout());
        if (scheduleToClose > 0 && attempt == 1) {
            core.timers.at(
                    activity.scheduledTime + scheduleToClose,
                    () -> timeOut(key, activity.scheduledEventId, 0, TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE, 0));
        }
        var scheduleToStart = Durations.toMillis(activity.attributes.getScheduleToStartTimeout());
        if (scheduleToStart > 0) {
            core.timers.at(
                    Math.max(activity.attemptScheduledTime, activity.notBefore) + scheduleToStart,
                    () -> timeOut(
                            key, activity.scheduledEventId, attempt, TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START, 0));
        }
    }

    /** Starts the dispatched attempt for a poll; null when it is no longer pending. */
    PollActivityTaskQueueResponse start(Core.Dispatch.ActivityTask dispatch, String identity, String requestId) {
        Execution execution;
        try {
            execution = core.runs.get(dispatch.run());
        } catch (EngineException e) {
            return null;
        }
        execution.lock.lock();
        try {
            var activity = execution.state.activities.get(dispatch.scheduledEventId());
            if (!execution.state.isRunning()
                    || execution.stale
                    || activity == null
                    || activity.isStarted()
                    || activity.attempt != dispatch.attempt()) {
                return null;
            }
            var now = System.currentTimeMillis();
            activity.startedTime = now;
            activity.identity = identity;
            activity.requestId = requestId;
            armStartTimeouts(execution.key(), activity, now);
            return response(execution, activity);
        } finally {
            execution.lock.unlock();
        }
    }

    private void armStartTimeouts(ExecutionKey key, RunState.Activity activity, long startedTime) {
        var startToClose = Durations.toMillis(activity.attributes.getStartToCloseTimeout());
        var attempt = activity.attempt;
        if (startToClose > 0) {
            core.timers.at(
                    startedTime + startToClose,
                    () -> timeOut(key, activity.scheduledEventId, attempt, TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE, 0));
        }
        armHeartbeat(key, activity, startedTime);
    }

    private void armHeartbeat(ExecutionKey key, RunState.Activity activity, long from) {
        var heartbeat = Durations.toMillis(activity.attributes.getHeartbeatTimeout());
        if (heartbeat > 0) {
            var attempt = activity.attempt;
            core.timers.at(
                    from + heartbeat,
                    () -> timeOut(key, activity.scheduledEventId, attempt, TimeoutType.TIMEOUT_TYPE_HEARTBEAT, from));
        }
    }

    private static PollActivityTaskQueueResponse response(Execution execution, RunState.Activity activity) {
        var state = execution.state;
        var attributes = activity.attributes;
        var token = new TaskToken(
                TaskToken.Kind.ACTIVITY_TASK, execution.key(), activity.scheduledEventId, activity.attempt, null);
        var response = PollActivityTaskQueueResponse.newBuilder()
                .setTaskToken(token.encode())
                .setWorkflowNamespace(state.namespace)
                .setWorkflowType(state.started.getWorkflowType())
                .setWorkflowExecution(execution.execution())
                .setActivityType(attributes.getActivityType())
                .setActivityId(attributes.getActivityId())
                .setHeader(attributes.getHeader())
                .setInput(attributes.getInput())
                .setScheduledTime(Timestamps.fromMillis(activity.scheduledTime))
                .setCurrentAttemptScheduledTime(Timestamps.fromMillis(activity.attemptScheduledTime))
                .setStartedTime(Timestamps.fromMillis(activity.startedTime))
                .setAttempt(activity.attempt)
                .setScheduleToCloseTimeout(attributes.getScheduleToCloseTimeout())
                .setStartToCloseTimeout(attributes.getStartToCloseTimeout())
                .setHeartbeatTimeout(attributes.getHeartbeatTimeout())
                .setRetryPolicy(attributes.getRetryPolicy());
        if (activity.heartbeatDetails != null) {
            response.setHeartbeatDetails(activity.heartbeatDetails);
        }
        return response.build();
    }

    /** The started attempt a token names, or NOT_FOUND as Temporal answers for a finished or unknown one. */
    static RunState.Activity startedActivity(Execution execution, long scheduledEventId, int attempt) {
        if (!execution.state.isRunning()) {
            throw EngineException.notFound("workflow execution already completed");
        }
        var activity = execution.state.activities.get(scheduledEventId);
        if (activity == null || (attempt > 0 && activity.attempt != attempt)) {
            throw EngineException.notFound("activity task not found");
        }
        if (!activity.isStarted()) {
            // A worker that started this attempt before a restart still holds its token; its result counts, as
            // in Temporal, and the attempt dispatched again on recovery is then skipped.
            activity.startedTime = System.currentTimeMillis();
        }
        return activity;
    }

    /** Records a heartbeat; returns whether cancellation was requested. */
    boolean heartbeat(Execution execution, Change change, RunState.Activity activity, Payloads details) {
        var now = System.currentTimeMillis();
        activity.heartbeatDetails = details;
        activity.lastHeartbeatTime = now;
        armHeartbeat(execution.key(), activity, now);
        return activity.cancelRequested;
    }

    void complete(Execution execution, Change change, RunState.Activity activity, Payloads result, String identity) {
        close(execution, change, activity, started -> HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                .setActivityTaskCompletedEventAttributes(ActivityTaskCompletedEventAttributes.newBuilder()
                        .setResult(result)
                        .setScheduledEventId(activity.scheduledEventId)
                        .setStartedEventId(started)
                        .setIdentity(identity)));
    }

    void fail(
            Execution execution,
            Change change,
            RunState.Activity activity,
            Failure failure,
            Payloads lastHeartbeat,
            String identity) {
        if (lastHeartbeat != null && lastHeartbeat.getPayloadsCount() > 0) {
            activity.heartbeatDetails = lastHeartbeat;
        }
        var decision = retryDecision(activity, failure);
        if (decision.retry()) {
            retry(execution, change, activity, failure, decision.delayMillis());
            return;
        }
        close(execution, change, activity, started -> HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
                .setActivityTaskFailedEventAttributes(ActivityTaskFailedEventAttributes.newBuilder()
                        .setFailure(failure)
                        .setScheduledEventId(activity.scheduledEventId)
                        .setStartedEventId(started)
                        .setIdentity(identity)
                        .setRetryState(decision.state())));
    }

    void canceled(Execution execution, Change change, RunState.Activity activity, Payloads details, String identity) {
        close(execution, change, activity, started -> HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED)
                .setActivityTaskCanceledEventAttributes(ActivityTaskCanceledEventAttributes.newBuilder()
                        .setDetails(details)
                        .setScheduledEventId(activity.scheduledEventId)
                        .setStartedEventId(started)
                        .setIdentity(identity)));
    }

    /** Cancellation asked by the workflow: at once if the activity has not started, else on its next heartbeat. */
    void requestCancel(Execution execution, Change change, RunState.Activity activity, long requestedEventId) {
        activity.cancelRequested = true;
        if (activity.isStarted()) {
            return;
        }
        execution.state.activities.remove(activity.scheduledEventId);
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED)
                .setActivityTaskCanceledEventAttributes(ActivityTaskCanceledEventAttributes.newBuilder()
                        .setScheduledEventId(activity.scheduledEventId)
                        .setLatestCancelRequestedEventId(requestedEventId)));
        core.workflowTasks.scheduleIfNone(execution, change);
    }

    private RetryPolicies.Decision retryDecision(RunState.Activity activity, Failure failure) {
        var scheduleToClose = Durations.toMillis(activity.attributes.getScheduleToCloseTimeout());
        var expiration = scheduleToClose > 0 ? activity.scheduledTime + scheduleToClose : 0;
        if (activity.cancelRequested) {
            return RetryPolicies.Decision.stop(RetryState.RETRY_STATE_CANCEL_REQUESTED);
        }
        return RetryPolicies.next(
                activity.attributes.getRetryPolicy(),
                activity.attempt,
                failure,
                expiration,
                System.currentTimeMillis());
    }

    private void retry(Execution execution, Change change, RunState.Activity activity, Failure failure, long delay) {
        var now = System.currentTimeMillis();
        activity.lastFailure = failure;
        activity.attempt++;
        activity.startedTime = 0;
        activity.identity = null;
        activity.requestId = null;
        activity.attemptScheduledTime = now + delay;
        activity.notBefore = now + delay;
        var key = execution.key();
        var attempt = activity.attempt;
        change.then(() -> {
            dispatch(key, activity, attempt, activity.notBefore);
            armScheduleTimeouts(key, activity, attempt);
        });
    }

    /** Writes the started event (now, as Temporal does for the last attempt) and the closing event. */
    private void close(
            Execution execution, Change change, RunState.Activity activity, LongFunction<HistoryEvent.Builder> event) {
        execution.state.activities.remove(activity.scheduledEventId);
        var started = HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
                .setActivityTaskStartedEventAttributes(startedAttributes(activity));
        if (activity.isStarted()) {
            started.setEventTime(Timestamps.fromMillis(activity.startedTime));
            if (execution.appendOrBuffer(started)) {
                execution.appendOrBuffer(event.apply(execution.state.nextEventId - 1));
            } else {
                execution.appendOrBuffer(event.apply(0));
            }
        } else {
            execution.appendOrBuffer(event.apply(0));
        }
        core.workflowTasks.scheduleIfNone(execution, change);
    }

    private static ActivityTaskStartedEventAttributes.Builder startedAttributes(RunState.Activity activity) {
        var attributes = ActivityTaskStartedEventAttributes.newBuilder()
                .setScheduledEventId(activity.scheduledEventId)
                .setIdentity(activity.identity == null ? "" : activity.identity)
                .setRequestId(activity.requestId == null ? "" : activity.requestId)
                .setAttempt(activity.attempt);
        if (activity.lastFailure != null) {
            attributes.setLastFailure(activity.lastFailure);
        }
        return attributes;
    }

    private void timeOut(ExecutionKey key, long scheduledEventId, int attempt, TimeoutType type, long heartbeatFrom) {
        core.runs.mutateRunning(key, (execution, change) -> {
            var activity = execution.state.activities.get(scheduledEventId);
            if (!execution.state.isRunning()
                    || activity == null
                    || (attempt > 0 && activity.attempt != attempt)
                    || !isDue(activity, type, heartbeatFrom)) {
                change.unchanged();
                return null;
            }
            var failure = timeoutFailure(activity, type);
            var decision = retryDecision(activity, failure);
            if (decision.retry()) {
                retry(execution, change, activity, failure, decision.delayMillis());
                return null;
            }
            close(execution, change, activity, started -> HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT)
                    .setActivityTaskTimedOutEventAttributes(ActivityTaskTimedOutEventAttributes.newBuilder()
                            .setFailure(failure)
                            .setScheduledEventId(activity.scheduledEventId)
                            .setStartedEventId(started)
                            .setRetryState(decision.state())));
            return null;
        });
    }

    /** Whether a timeout armed earlier still applies to the activity's current state. */
    private static boolean isDue(RunState.Activity activity, TimeoutType type, long heartbeatFrom) {
        return switch (type) {
            case TIMEOUT_TYPE_SCHEDULE_TO_START -> !activity.isStarted();
            case TIMEOUT_TYPE_START_TO_CLOSE -> activity.isStarted();
            case TIMEOUT_TYPE_HEARTBEAT ->
                activity.isStarted() && Math.max(activity.lastHeartbeatTime, activity.startedTime) <= heartbeatFrom;
            default -> true;
        };
    }

    private static Failure timeoutFailure(RunState.Activity activity, TimeoutType type) {
        var info = TimeoutFailureInfo.newBuilder().setTimeoutType(type);
        if (activity.heartbeatDetails != null) {
            info.setLastHeartbeatDetails(activity.heartbeatDetails);
        }
        var failure = Failure.newBuilder()
                .setMessage("activity " + timeoutName(type) + " timeout")
                .setSource("Server")
                .setTimeoutFailureInfo(info);
        if (activity.lastFailure != null) {
            failure.setCause(activity.lastFailure);
        }
        return failure.build();
    }

    private static String timeoutName(TimeoutType type) {
        return switch (type) {
            case TIMEOUT_TYPE_START_TO_CLOSE -> "StartToClose";
            case TIMEOUT_TYPE_SCHEDULE_TO_START -> "ScheduleToStart";
            case TIMEOUT_TYPE_SCHEDULE_TO_CLOSE -> "ScheduleToClose";
            case TIMEOUT_TYPE_HEARTBEAT -> "Heartbeat";
            default -> "Unspecified";
        };
    }

    /** After recovery: every pending attempt is dispatched again, and its timeouts armed. */
    void recover(Execution execution) {
        var key = execution.key();
        for (var activity : execution.state.activities.values()) {
            activity.startedTime = 0;
            activity.identity = null;
            dispatch(key, activity, activity.attempt, activity.notBefore);
            armScheduleTimeouts(key, activity, activity.attempt);
            if (activity.attempt > 1) {
                var scheduleToClose = Durations.toMillis(activity.attributes.getScheduleToCloseTimeout());
                if (scheduleToClose > 0) {
                    core.timers.at(
                            activity.scheduledTime + scheduleToClose,
                            () -> timeOut(
                                    key, activity.scheduledEventId, 0, TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE, 0));
                }
            }
        }
    }
}
