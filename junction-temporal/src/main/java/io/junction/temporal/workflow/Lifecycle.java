package io.junction.temporal.workflow;

import com.google.protobuf.util.Durations;
import io.temporal.api.command.v1.Command;
import io.temporal.api.command.v1.RequestCancelExternalWorkflowExecutionCommandAttributes;
import io.temporal.api.command.v1.SignalExternalWorkflowExecutionCommandAttributes;
import io.temporal.api.command.v1.StartChildWorkflowExecutionCommandAttributes;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.ContinueAsNewInitiator;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.TimerFiredEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionCancelRequestedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionCanceledEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionContinuedAsNewEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionFailedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionTerminatedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionTimedOutEventAttributes;
import java.time.Instant;
import java.util.UUID;

/**
 * How runs end and what reaches them from outside: completion, failure (with retries), cancellation,
 * continue-as-new and cron, termination and timeouts; signals, cancel requests and fired timers. Work between
 * runs (children, external signals and cancels, parent notification) is delegated to {@link Children}.
 */
final class Lifecycle {
    private final Core core;
    private final Starts starts;
    private final Children children;

    Lifecycle(Core core, Starts starts, Children children) {
        this.core = core;
        this.starts = starts;
        this.children = children;
    }

    void closeByCommand(Execution execution, Change change, Command command, long completedEventId) {
        switch (command.getCommandType()) {
            case COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION -> {
                var result =
                        command.getCompleteWorkflowExecutionCommandAttributes().getResult();
                var cron = execution.state.started.getCronSchedule();
                var newRunId = cron.isEmpty() ? "" : nextCronRun(execution, change, result, null);
                execution.append(HistoryEvent.newBuilder()
                        .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)
                        .setWorkflowExecutionCompletedEventAttributes(
                                WorkflowExecutionCompletedEventAttributes.newBuilder()
                                        .setResult(result)
                                        .setWorkflowTaskCompletedEventId(completedEventId)
                                        .setNewExecutionRunId(newRunId)));
                close(execution, change, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
            }
            case COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION -> {
                var failure =
                        command.getFailWorkflowExecutionCommandAttributes().getFailure();
                fail(execution, change, failure, completedEventId);
            }
            case COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION -> {
                execution.append(HistoryEvent.newBuilder()
                        .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED)
                        .setWorkflowExecutionCanceledEventAttributes(
                                WorkflowExecutionCanceledEventAttributes.newBuilder()
                                        .setWorkflowTaskCompletedEventId(completedEventId)
                                        .setDetails(command.getCancelWorkflowExecutionCommandAttributes()
                                                .getDetails())));
                close(execution, change, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
            }
            case COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION ->
                continueAsNew(execution, change, command, completedEventId);
            default -> throw new IllegalArgumentException("not a close command: " + command.getCommandType());
        }
    }

    private void fail(Execution execution, Change change, Failure failure, long completedEventId) {
        var state = execution.state;
        var retry = workflowRetry(state, failure);
        var newRunId = "";
        if (retry.retry()) {
            newRunId = newRun(
                    execution,
                    change,
                    ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_RETRY,
                    retry.delayMillis(),
                    failure,
                    state.started.getLastCompletionResult(),
                    state.started.getAttempt() + 1);
        } else if (!state.started.getCronSchedule().isEmpty()) {
            newRunId = nextCronRun(execution, change, state.started.getLastCompletionResult(), failure);
        }
        var failed = WorkflowExecutionFailedEventAttributes.newBuilder()
                .setFailure(failure)
                .setRetryState(retry.state())
                .setNewExecutionRunId(newRunId);
        if (completedEventId > 0) {
            failed.setWorkflowTaskCompletedEventId(completedEventId);
        }
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)
                .setWorkflowExecutionFailedEventAttributes(failed));
        close(execution, change, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
    }

    private static RetryPolicies.Decision workflowRetry(RunState state, Failure failure) {
        if (!state.started.hasRetryPolicy()) {
            return RetryPolicies.Decision.stop(RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET);
        }
        return RetryPolicies.next(
                state.started.getRetryPolicy(),
                state.started.getAttempt(),
                failure,
                state.executionDeadline,
                System.currentTimeMillis());
    }

    private String nextCronRun(Execution execution, Change change, Payloads result, Failure failure) {
        var backoff = CronSchedules.backoffMillis(execution.state.started.getCronSchedule(), Instant.now());
        return newRun(
                execution,
                change,
                ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE,
                backoff,
                failure,
                result,
                1);
    }

    /** Starts the next run of the same workflow id for a retry or a cron schedule. */
    private String newRun(
            Execution previous,
            Change change,
            ContinueAsNewInitiator initiator,
            long backoff,
            Failure failure,
            Payloads lastCompletionResult,
            int attempt) {
        var old = previous.state.started;
        var runId = UUID.randomUUID().toString();
        var started = old.toBuilder()
                .setContinuedExecutionRunId(previous.state.runId)
                .setOriginalExecutionRunId(runId)
                .setInitiator(initiator)
                .setAttempt(attempt)
                .clearFirstWorkflowTaskBackoff()
                .setMemo(previous.state.memo)
                .setSearchAttributes(previous.state.searchAttributes);
        if (failure != null) {
            started.setContinuedFailure(failure);
        } else {
            started.clearContinuedFailure();
        }
        if (lastCompletionResult != null && lastCompletionResult.getPayloadsCount() > 0) {
            started.setLastCompletionResult(lastCompletionResult);
        }
        starts.create(previous.state.namespace, started, backoff, "", change);
        previous.state.newRunId = runId;
        return runId;
    }

    private void continueAsNew(Execution execution, Change change, Command command, long completedEventId) {
        var attributes = command.getContinueAsNewWorkflowExecutionCommandAttributes();
        var old = execution.state.started;
        var runId = UUID.randomUUID().toString();
        var taskQueue = attributes.getTaskQueue().getName().isEmpty()
                ? old.getTaskQueue()
                : WorkflowTasks.normalQueue(attributes.getTaskQueue().getName());
        var type =
                attributes.getWorkflowType().getName().isEmpty() ? old.getWorkflowType() : attributes.getWorkflowType();
        var runTimeout = Durations.toMillis(attributes.getWorkflowRunTimeout()) > 0
                ? attributes.getWorkflowRunTimeout()
                : old.getWorkflowRunTimeout();
        var taskTimeout = Durations.toMillis(attributes.getWorkflowTaskTimeout()) > 0
                ? attributes.getWorkflowTaskTimeout()
                : old.getWorkflowTaskTimeout();
        var started = WorkflowExecutionStartedEventAttributes.newBuilder()
                .setWorkflowId(execution.state.workflowId)
                .setWorkflowType(type)
                .setTaskQueue(taskQueue)
                .setInput(attributes.getInput())
                .setWorkflowExecutionTimeout(old.getWorkflowExecutionTimeout())
                .setWorkflowRunTimeout(runTimeout)
                .setWorkflowTaskTimeout(taskTimeout)
                .setContinuedExecutionRunId(execution.state.runId)
                .setInitiator(ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_WORKFLOW)
                .setOriginalExecutionRunId(runId)
                .setFirstExecutionRunId(old.getFirstExecutionRunId())
                .setAttempt(1)
                .setCronSchedule(
                        attributes.getCronSchedule().isEmpty() ? old.getCronSchedule() : attributes.getCronSchedule())
                .setMemo(attributes.hasMemo() ? attributes.getMemo() : execution.state.memo)
                .setSearchAttributes(
                        attributes.hasSearchAttributes()
                                ? attributes.getSearchAttributes()
                                : execution.state.searchAttributes)
                .setHeader(attributes.getHeader());
        if (attributes.hasRetryPolicy()) {
            started.setRetryPolicy(attributes.getRetryPolicy());
        } else if (old.hasRetryPolicy()) {
            started.setRetryPolicy(old.getRetryPolicy());
        }
        if (old.hasParentWorkflowExecution()) {
            started.setParentWorkflowExecution(old.getParentWorkflowExecution())
                    .setParentWorkflowNamespace(old.getParentWorkflowNamespace())
                    .setParentInitiatedEventId(old.getParentInitiatedEventId());
        }
        if (old.hasWorkflowExecutionExpirationTime()) {
            started.setWorkflowExecutionExpirationTime(old.getWorkflowExecutionExpirationTime());
        }
        if (attributes.hasLastCompletionResult()) {
            started.setLastCompletionResult(attributes.getLastCompletionResult());
        }
        var backoff = Durations.toMillis(attributes.getBackoffStartInterval());
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW)
                .setWorkflowExecutionContinuedAsNewEventAttributes(
                        WorkflowExecutionContinuedAsNewEventAttributes.newBuilder()
                                .setNewExecutionRunId(runId)
                                .setWorkflowType(type)
                                .setTaskQueue(taskQueue)
                                .setInput(attributes.getInput())
                                .setWorkflowRunTimeout(runTimeout)
                                .setWorkflowTaskTimeout(taskTimeout)
                                .setWorkflowTaskCompletedEventId(completedEventId)
                                .setBackoffStartInterval(attributes.getBackoffStartInterval())
                                .setInitiator(ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_WORKFLOW)
                                .setHeader(attributes.getHeader())));
        execution.state.newRunId = runId;
        close(execution, change, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
        starts.create(execution.state.namespace, started, Math.max(0, backoff), "", change);
    }

    /** Closes the run: no more tasks, timers or activities; children and parent learn of it after the commit. */
    void close(Execution execution, Change change, WorkflowExecutionStatus status) {
        var state = execution.state;
        state.status = status;
        state.closeTime = System.currentTimeMillis();
        state.workflowTask = null;
        state.timers.clear();
        state.activities.clear();
        state.buffered.clear();
        execution.visibilityChanged = true;
        children.onClose(execution, change);
    }

    void terminate(ExecutionKey key, String reason, Payloads details, String identity) {
        core.runs.mutate(key, (execution, change) -> {
            if (!execution.state.isRunning()) {
                throw EngineException.notFound("workflow execution already completed");
            }
            var terminated = WorkflowExecutionTerminatedEventAttributes.newBuilder()
                    .setReason(reason == null ? "" : reason)
                    .setIdentity(identity == null ? "" : identity);
            if (details != null) {
                terminated.setDetails(details);
            }
            abandonStartedTask(execution);
            execution.append(HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED)
                    .setWorkflowExecutionTerminatedEventAttributes(terminated));
            close(execution, change, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
            return null;
        });
    }

    /** Terminates the run inside {@code change}, as the server does when a run breaks a limit. */
    void terminateNow(Execution execution, Change change, String reason) {
        abandonStartedTask(execution);
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED)
                .setWorkflowExecutionTerminatedEventAttributes(WorkflowExecutionTerminatedEventAttributes.newBuilder()
                        .setReason(reason)
                        .setIdentity("history-service")));
        close(execution, change, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    }

    /** Forgets a started workflow task so that the run's closing event follows its history directly. */
    private static void abandonStartedTask(Execution execution) {
        var task = execution.state.workflowTask;
        if (task != null && task.isStarted()) {
            task.startedEventId = 0;
        }
    }

    void signal(
            ExecutionKey key,
            String name,
            Payloads input,
            String identity,
            Header header,
            String requestId,
            WorkflowExecution external) {
        core.runs.mutate(key, (execution, change) -> {
            signal(execution, change, name, input, identity, header, requestId, external);
            return null;
        });
    }

    void signal(
            Execution execution,
            Change change,
            String name,
            Payloads input,
            String identity,
            Header header,
            String requestId,
            WorkflowExecution external) {
        var state = execution.state;
        if (!state.isRunning()) {
            throw EngineException.notFound("workflow execution already completed");
        }
        if (requestId != null && !requestId.isEmpty()) {
            if (state.signalRequestIds.contains(requestId)) {
                return;
            }
            state.signalRequestIds.add(requestId);
            if (state.signalRequestIds.size() > 1000) {
                state.signalRequestIds.remove(0);
            }
        }
        var signaled = WorkflowExecutionSignaledEventAttributes.newBuilder()
                .setSignalName(name)
                .setInput(input)
                .setIdentity(identity == null ? "" : identity);
        if (header != null) {
            signaled.setHeader(header);
        }
        if (external != null) {
            signaled.setExternalWorkflowExecution(external);
        }
        execution.appendOrBuffer(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                .setWorkflowExecutionSignaledEventAttributes(signaled));
        if (!HistoryLimits.enforce(execution, change, this)) {
            core.workflowTasks.scheduleIfNone(execution, change);
        }
    }

    void requestCancel(ExecutionKey key, String identity, String cause, long externalEventId, WorkflowExecution from) {
        core.runs.mutate(key, (execution, change) -> {
            var state = execution.state;
            if (!state.isRunning()) {
                throw EngineException.notFound("workflow execution already completed");
            }
            if (state.cancelRequested) {
                return null;
            }
            state.cancelRequested = true;
            var requested = WorkflowExecutionCancelRequestedEventAttributes.newBuilder()
                    .setCause(cause == null ? "" : cause)
                    .setIdentity(identity == null ? "" : identity);
            if (from != null) {
                requested.setExternalInitiatedEventId(externalEventId).setExternalWorkflowExecution(from);
            }
            execution.appendOrBuffer(HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED)
                    .setWorkflowExecutionCancelRequestedEventAttributes(requested));
            core.workflowTasks.scheduleIfNone(execution, change);
            return null;
        });
    }

    void armTimer(ExecutionKey key, String timerId, long startedEventId, long fireTime) {
        core.timers.at(fireTime, () -> fireTimer(key, timerId, startedEventId));
    }

    private void fireTimer(ExecutionKey key, String timerId, long startedEventId) {
        core.runs.mutateRunning(key, (execution, change) -> {
            var timer = execution.state.timers.get(timerId);
            if (!execution.state.isRunning() || timer == null || timer.startedEventId != startedEventId) {
                change.unchanged();
                return null;
            }
            execution.state.timers.remove(timerId);
            execution.appendOrBuffer(HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_TIMER_FIRED)
                    .setTimerFiredEventAttributes(TimerFiredEventAttributes.newBuilder()
                            .setTimerId(timerId)
                            .setStartedEventId(startedEventId)));
            core.workflowTasks.scheduleIfNone(execution, change);
            return null;
        });
    }

    void armFirstTask(ExecutionKey key, long at) {
        core.timers.at(
                at,
                () -> core.runs.mutateRunning(key, (execution, change) -> {
                    var state = execution.state;
                    if (state.isRunning() && state.workflowTaskBackoffUntil == at) {
                        state.workflowTaskBackoffUntil = 0;
                        core.workflowTasks.scheduleIfNone(execution, change);
                    } else {
                        change.unchanged();
                    }
                    return null;
                }));
    }

    void armRunTimeout(ExecutionKey key) {
        var execution = core.runs.get(key);
        var state = execution.state;
        var deadline = state.runDeadline > 0 && state.executionDeadline > 0
                ? Math.min(state.runDeadline, state.executionDeadline)
                : Math.max(state.runDeadline, state.executionDeadline);
        if (deadline > 0) {
            core.timers.at(deadline, () -> timeOut(key, deadline));
        }
    }

    private void timeOut(ExecutionKey key, long deadline) {
        core.runs.mutateRunning(key, (execution, change) -> {
            var state = execution.state;
            if (!state.isRunning()) {
                change.unchanged();
                return null;
            }
            abandonStartedTask(execution);
            var timeout = Failure.newBuilder().setMessage("workflow timed out").build();
            var retry = state.executionDeadline > 0 && deadline >= state.executionDeadline
                    ? RetryPolicies.Decision.stop(RetryState.RETRY_STATE_TIMEOUT)
                    : workflowRetry(state, timeout);
            var newRunId = "";
            if (retry.retry()) {
                newRunId = newRun(
                        execution,
                        change,
                        ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_RETRY,
                        retry.delayMillis(),
                        timeout,
                        state.started.getLastCompletionResult(),
                        state.started.getAttempt() + 1);
            }
            execution.append(HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT)
                    .setWorkflowExecutionTimedOutEventAttributes(WorkflowExecutionTimedOutEventAttributes.newBuilder()
                            .setRetryState(retry.retry() ? RetryState.RETRY_STATE_IN_PROGRESS : retry.state())
                            .setNewExecutionRunId(newRunId)));
            close(execution, change, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT);
            return null;
        });
    }

    void initiateChild(
            Execution execution, Change change, StartChildWorkflowExecutionCommandAttributes command, long completed) {
        children.initiateChild(execution, change, command, completed);
    }

    void initiateSignal(
            Execution execution,
            Change change,
            SignalExternalWorkflowExecutionCommandAttributes command,
            long completed) {
        children.initiateSignal(execution, change, command, completed);
    }

    void initiateCancel(
            Execution execution,
            Change change,
            RequestCancelExternalWorkflowExecutionCommandAttributes command,
            long completed) {
        children.initiateCancel(execution, change, command, completed);
    }

    /** After recovery: arms the run's timers and timeouts again and resumes work between runs. */
    void recover(Execution execution) {
        var key = execution.key();
        var state = execution.state;
        for (var timer : state.timers.values()) {
            armTimer(key, timer.timerId, timer.startedEventId, timer.fireTime);
        }
        if (state.workflowTaskBackoffUntil > 0) {
            armFirstTask(key, state.workflowTaskBackoffUntil);
        }
        if (state.runDeadline > 0 || state.executionDeadline > 0) {
            armRunTimeout(key);
        }
        children.recover(execution);
    }
}
