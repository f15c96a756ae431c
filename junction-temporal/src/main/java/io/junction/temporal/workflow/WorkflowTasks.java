package io.junction.temporal.workflow;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskFailedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskScheduledEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskTimedOutEventAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedRequest;

/**
 * Workflow tasks: scheduling, handing one to a poll, and its completion, failure or timeout.
 *
 * <p>A started task's WorkflowTaskStarted event is not stored until the task completes, fails or times out (the
 * worker gets it in its poll response with the event id it will have). After a crash the task is simply scheduled
 * again, as Temporal does for a lost worker. Retries after a failure or timeout count up the attempt.
 */
final class WorkflowTasks {
    static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
    private static final long STICKY_POLLER_MILLIS = 10_000;
    private static final long DEFAULT_STICKY_TIMEOUT_MILLIS = 5_000;
    private static final long MAX_TIMEOUT_MILLIS = 120_000;

    private final Core core;

    WorkflowTasks(Core core) {
        this.core = core;
    }

    /** Schedules a workflow task unless one is pending; dispatched after the change commits. */
    void scheduleIfNone(Execution execution, Change change) {
        var state = execution.state;
        if (state.workflowTask != null || !state.isRunning()) {
            return;
        }
        schedule(execution, change, 1, 0);
    }

    void schedule(Execution execution, Change change, int attempt, long notBefore) {
        var state = execution.state;
        var task = new RunState.WorkflowTask();
        task.attempt = attempt;
        task.taskQueue = state.started.getTaskQueue().getName();
        task.timeoutMillis = timeoutMillis(state);
        task.scheduledTime = System.currentTimeMillis();
        task.notBefore = notBefore;
        var event = execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
                .setWorkflowTaskScheduledEventAttributes(WorkflowTaskScheduledEventAttributes.newBuilder()
                        .setTaskQueue(state.started.getTaskQueue())
                        .setStartToCloseTimeout(Durations.fromMillis(task.timeoutMillis))
                        .setAttempt(attempt)));
        task.scheduledEventId = event.getEventId();
        state.workflowTask = task;
        var key = execution.key();
        var sticky = state.stickyQueue;
        var stickyTimeout = state.stickyTimeoutMillis;
        if (sticky != null && notBefore == 0) {
            change.then(() -> dispatchSticky(key, sticky, stickyTimeout, task));
        } else {
            change.then(() -> dispatchAt(key, task.taskQueue, task.scheduledEventId, attempt, notBefore));
        }
    }

    /**
     * Offers a task to the sticky queue of the worker that completed the run's last task, when that worker is
     * polling; if it does not start the task within the sticky schedule-to-start timeout, the task goes to the
     * normal queue, as Temporal falls back.
     */
    private void dispatchSticky(ExecutionKey key, String sticky, long timeoutMillis, RunState.WorkflowTask task) {
        var queue = core.workflowQueue(key.namespace(), sticky);
        var live = queue.pollerCount() > 0 || System.currentTimeMillis() - queue.lastPollTime() < STICKY_POLLER_MILLIS;
        if (!live) {
            dispatchAt(key, task.taskQueue, task.scheduledEventId, task.attempt, 0);
            return;
        }
        queue.offer(new Core.Dispatch.WorkflowTask(key, task.scheduledEventId, task.attempt, true));
        core.timers.at(System.currentTimeMillis() + timeoutMillis, () -> stickyTimedOut(key, task));
    }

    private void stickyTimedOut(ExecutionKey key, RunState.WorkflowTask scheduled) {
        Execution execution;
        try {
            execution = core.runs.get(key);
        } catch (EngineException e) {
            return;
        }
        execution.lock.lock();
        try {
            var task = execution.state.workflowTask;
            if (task != scheduled || task.isStarted() || !execution.state.isRunning()) {
                return;
            }
            execution.state.stickyQueue = null;
        } finally {
            execution.lock.unlock();
        }
        dispatchAt(key, scheduled.taskQueue, scheduled.scheduledEventId, scheduled.attempt, 0);
    }

    /** Forgets the run's sticky queue (ResetStickyTaskQueue): its next tasks go to the normal queue. */
    void resetSticky(ExecutionKey key) {
        var execution = core.runs.get(key);
        execution.lock.lock();
        try {
            execution.state.stickyQueue = null;
        } finally {
            execution.lock.unlock();
        }
    }

    private static long timeoutMillis(RunState state) {
        var configured = Durations.toMillis(state.started.getWorkflowTaskTimeout());
        if (configured <= 0) {
            return DEFAULT_TIMEOUT_MILLIS;
        }
        return Math.min(configured, MAX_TIMEOUT_MILLIS);
    }

    void dispatchAt(ExecutionKey key, String taskQueue, long scheduledEventId, int attempt, long notBefore) {
        var task = new Core.Dispatch.WorkflowTask(key, scheduledEventId, attempt, false);
        if (notBefore <= System.currentTimeMillis()) {
            core.workflowQueue(key.namespace(), taskQueue).offer(task);
        } else {
            core.timers.at(notBefore, () -> core.workflowQueue(key.namespace(), taskQueue)
                    .offer(task));
        }
    }

    /** Starts the dispatched task for a poll; null when the task is no longer pending. */
    PollWorkflowTaskQueueResponse start(Core.Dispatch.WorkflowTask dispatch, String identity, String requestId) {
        Execution execution;
        try {
            execution = core.runs.get(dispatch.run());
        } catch (EngineException e) {
            return null;
        }
        execution.lock.lock();
        try {
            var state = execution.state;
            var task = state.workflowTask;
            if (!state.isRunning()
                    || execution.stale
                    || task == null
                    || task.isStarted()
                    || task.scheduledEventId != dispatch.scheduledEventId()
                    || task.attempt != dispatch.attempt()) {
                return null;
            }
            var now = System.currentTimeMillis();
            task.startedEventId = state.nextEventId;
            task.startedTime = now;
            task.identity = identity;
            task.requestId = requestId;
            var key = execution.key();
            var startedEventId = task.startedEventId;
            core.timers.at(now + task.timeoutMillis, () -> timeOut(key, dispatch.scheduledEventId(), startedEventId));
            var partial = dispatch.sticky() && state.stickyQueue != null;
            return response(execution, task, partial);
        } finally {
            execution.lock.unlock();
        }
    }

    /**
     * The poll response: the whole history, or for a sticky task only what followed the last completed workflow
     * task (the worker has the rest cached, or fetches it), the started event the task will have, and the run's
     * buffered queries for the worker to answer on completion.
     */
    private PollWorkflowTaskQueueResponse response(Execution execution, RunState.WorkflowTask task, boolean partial) {
        var state = execution.state;
        var token =
                new TaskToken(TaskToken.Kind.WORKFLOW_TASK, execution.key(), task.scheduledEventId, task.attempt, null);
        var events = partial
                ? execution.history.subList((int) state.previousStartedEventId, execution.history.size())
                : execution.history;
        var history = History.newBuilder().addAllEvents(events).addEvents(startedEvent(task));
        return PollWorkflowTaskQueueResponse.newBuilder()
                .setTaskToken(token.encode())
                .setWorkflowExecution(execution.execution())
                .setWorkflowType(state.started.getWorkflowType())
                .setPreviousStartedEventId(state.previousStartedEventId)
                .setStartedEventId(task.startedEventId)
                .setAttempt(task.attempt)
                .setHistory(history)
                .setWorkflowExecutionTaskQueue(state.started.getTaskQueue())
                .setScheduledTime(Timestamps.fromMillis(task.scheduledTime))
                .setStartedTime(Timestamps.fromMillis(task.startedTime))
                .putAllQueries(execution.queries.pending())
                .build();
    }

    /** The started event of the run's workflow task while a worker has it, else null. */
    static HistoryEvent inFlightStartedEvent(RunState state) {
        var task = state.workflowTask;
        return task != null && task.isStarted() ? startedEvent(task) : null;
    }

    private static HistoryEvent startedEvent(RunState.WorkflowTask task) {
        return startedEventBuilder(task).setEventId(task.startedEventId).build();
    }

    private static HistoryEvent.Builder startedEventBuilder(RunState.WorkflowTask task) {
        return HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
                .setEventTime(Timestamps.fromMillis(task.startedTime))
                .setTaskId(task.startedEventId)
                .setWorkflowTaskStartedEventAttributes(WorkflowTaskStartedEventAttributes.newBuilder()
                        .setScheduledEventId(task.scheduledEventId)
                        .setIdentity(nullToEmpty(task.identity))
                        .setRequestId(nullToEmpty(task.requestId)));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The started task a token names, or NOT_FOUND as Temporal answers for a stale or unknown task. */
    static RunState.WorkflowTask startedTask(Execution execution, TaskToken token) {
        var task = execution.state.workflowTask;
        if (!execution.state.isRunning()) {
            throw EngineException.notFound("Workflow execution already completed.");
        }
        if (task == null
                || !task.isStarted()
                || task.scheduledEventId != token.scheduledEventId()
                || task.attempt != token.attempt()) {
            throw EngineException.notFound("Workflow task not found.");
        }
        return task;
    }

    RespondWorkflowTaskCompletedResponse complete(RespondWorkflowTaskCompletedRequest request) {
        var token = decode(request.getTaskToken());
        return core.runs.mutate(token.run(), (execution, change) -> {
            var task = startedTask(execution, token);
            core.commands.checkSequence(request.getCommandsList());
            core.queries.answer(execution, request.getQueryResultsMap());
            var oversized = CommandLimits.firstOversized(request.getCommandsList());
            if (oversized != null) {
                appendFailed(
                        execution,
                        task,
                        oversized.cause(),
                        Failure.newBuilder().setMessage(oversized.reason()).build(),
                        request.getIdentity());
                execution.state.workflowTask = null;
                core.lifecycle.terminateNow(execution, change, oversized.reason());
                return RespondWorkflowTaskCompletedResponse.getDefaultInstance();
            }
            var failure = core.commands.validate(execution, request.getCommandsList());
            if (failure != null) {
                failTask(execution, change, task, failure.cause(), failure.failure(), request.getIdentity());
                return RespondWorkflowTaskCompletedResponse.getDefaultInstance();
            }
            if (!execution.state.buffered.isEmpty() && core.commands.closesWorkflow(request.getCommandsList())) {
                var unhandled =
                        Failure.newBuilder().setMessage("UnhandledCommand").build();
                failTask(
                        execution,
                        change,
                        task,
                        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
                        unhandled,
                        request.getIdentity());
                return RespondWorkflowTaskCompletedResponse.getDefaultInstance();
            }
            rememberSticky(execution.state, request);
            var completed = completeTask(execution, task, request);
            core.commands.apply(execution, change, request.getCommandsList(), completed.getEventId());
            if (execution.state.isRunning()) {
                var hadBuffered = !execution.state.buffered.isEmpty();
                execution.flushBuffered();
                if (hadBuffered || request.getForceCreateNewWorkflowTask()) {
                    scheduleIfNone(execution, change);
                }
            }
            HistoryLimits.enforce(execution, change, core.lifecycle);
            return RespondWorkflowTaskCompletedResponse.getDefaultInstance();
        });
    }

    private static void rememberSticky(RunState state, RespondWorkflowTaskCompletedRequest request) {
        var sticky = request.getStickyAttributes();
        if (request.hasStickyAttributes()
                && !sticky.getWorkerTaskQueue().getName().isEmpty()) {
            state.stickyQueue = sticky.getWorkerTaskQueue().getName();
            var timeout = Durations.toMillis(sticky.getScheduleToStartTimeout());
            state.stickyTimeoutMillis = timeout > 0 ? timeout : DEFAULT_STICKY_TIMEOUT_MILLIS;
        } else {
            state.stickyQueue = null;
        }
    }

    private static HistoryEvent completeTask(
            Execution execution, RunState.WorkflowTask task, RespondWorkflowTaskCompletedRequest request) {
        var state = execution.state;
        checkStartedId(execution, task);
        execution.append(startedEventBuilder(task));
        var attributes = WorkflowTaskCompletedEventAttributes.newBuilder()
                .setScheduledEventId(task.scheduledEventId)
                .setStartedEventId(task.startedEventId)
                .setIdentity(request.getIdentity())
                .setBinaryChecksum(request.getBinaryChecksum());
        if (request.hasSdkMetadata()) {
            attributes.setSdkMetadata(request.getSdkMetadata());
        }
        if (request.hasMeteringMetadata()) {
            attributes.setMeteringMetadata(request.getMeteringMetadata());
        }
        var completed = execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                .setWorkflowTaskCompletedEventAttributes(attributes));
        state.previousStartedEventId = task.startedEventId;
        state.workflowTask = null;
        return completed;
    }

    private static void checkStartedId(Execution execution, RunState.WorkflowTask task) {
        if (execution.state.nextEventId != task.startedEventId) {
            throw new IllegalStateException("workflow task started event id " + task.startedEventId
                    + " does not follow history ending at " + (execution.state.nextEventId - 1));
        }
    }

    void fail(RespondWorkflowTaskFailedRequest request) {
        var token = decode(request.getTaskToken());
        core.runs.mutate(token.run(), (execution, change) -> {
            var task = startedTask(execution, token);
            failTask(execution, change, task, request.getCause(), request.getFailure(), request.getIdentity());
            return null;
        });
    }

    private void failTask(
            Execution execution,
            Change change,
            RunState.WorkflowTask task,
            WorkflowTaskFailedCause cause,
            Failure failure,
            String identity) {
        appendFailed(execution, task, cause, failure, identity);
        retry(execution, change, task);
    }

    private static void appendFailed(
            Execution execution,
            RunState.WorkflowTask task,
            WorkflowTaskFailedCause cause,
            Failure failure,
            String identity) {
        checkStartedId(execution, task);
        execution.append(startedEventBuilder(task));
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
                .setWorkflowTaskFailedEventAttributes(WorkflowTaskFailedEventAttributes.newBuilder()
                        .setScheduledEventId(task.scheduledEventId)
                        .setStartedEventId(task.startedEventId)
                        .setCause(cause)
                        .setFailure(failure)
                        .setIdentity(identity)));
    }

    private void retry(Execution execution, Change change, RunState.WorkflowTask task) {
        execution.state.workflowTask = null;
        execution.state.stickyQueue = null;
        execution.flushBuffered();
        var attempt = task.attempt + 1;
        var backoff = attempt <= 2 ? 0 : Math.min(60_000L, 1000L << Math.min(attempt - 3, 6));
        schedule(execution, change, attempt, System.currentTimeMillis() + backoff);
    }

    private void timeOut(ExecutionKey key, long scheduledEventId, long startedEventId) {
        core.runs.mutateRunning(key, (execution, change) -> {
            var task = execution.state.workflowTask;
            if (!execution.state.isRunning()
                    || task == null
                    || task.scheduledEventId != scheduledEventId
                    || task.startedEventId != startedEventId) {
                change.unchanged();
                return null;
            }
            checkStartedId(execution, task);
            execution.append(startedEventBuilder(task));
            execution.append(HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
                    .setWorkflowTaskTimedOutEventAttributes(WorkflowTaskTimedOutEventAttributes.newBuilder()
                            .setScheduledEventId(task.scheduledEventId)
                            .setStartedEventId(task.startedEventId)
                            .setTimeoutType(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE)));
            retry(execution, change, task);
            return null;
        });
    }

    /** After recovery: a task that was started when the server stopped is pending again. */
    void recover(Execution execution) {
        var task = execution.state.workflowTask;
        if (task == null) {
            return;
        }
        task.startedEventId = 0;
        task.startedTime = 0;
        dispatchAt(execution.key(), task.taskQueue, task.scheduledEventId, task.attempt, task.notBefore);
    }

    static TaskToken decode(com.google.protobuf.ByteString bytes) {
        var token = TaskToken.decode(bytes);
        if (token.kind() != TaskToken.Kind.WORKFLOW_TASK) {
            throw EngineException.invalidArgument("Invalid TaskToken.");
        }
        return token;
    }

    static TaskQueue normalQueue(String name) {
        return TaskQueue.newBuilder().setName(name).build();
    }
}
