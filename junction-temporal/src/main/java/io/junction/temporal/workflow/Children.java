package io.junction.temporal.workflow;

import io.grpc.Status;
import io.temporal.api.command.v1.RequestCancelExternalWorkflowExecutionCommandAttributes;
import io.temporal.api.command.v1.SignalExternalWorkflowExecutionCommandAttributes;
import io.temporal.api.command.v1.StartChildWorkflowExecutionCommandAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.CancelExternalWorkflowExecutionFailedCause;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.SignalExternalWorkflowExecutionFailedCause;
import io.temporal.api.enums.v1.StartChildWorkflowExecutionFailedCause;
import io.temporal.api.history.v1.ChildWorkflowExecutionCanceledEventAttributes;
import io.temporal.api.history.v1.ChildWorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.ChildWorkflowExecutionFailedEventAttributes;
import io.temporal.api.history.v1.ChildWorkflowExecutionStartedEventAttributes;
import io.temporal.api.history.v1.ChildWorkflowExecutionTerminatedEventAttributes;
import io.temporal.api.history.v1.ChildWorkflowExecutionTimedOutEventAttributes;
import io.temporal.api.history.v1.ExternalWorkflowExecutionCancelRequestedEventAttributes;
import io.temporal.api.history.v1.ExternalWorkflowExecutionSignaledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.RequestCancelExternalWorkflowExecutionFailedEventAttributes;
import io.temporal.api.history.v1.RequestCancelExternalWorkflowExecutionInitiatedEventAttributes;
import io.temporal.api.history.v1.SignalExternalWorkflowExecutionFailedEventAttributes;
import io.temporal.api.history.v1.SignalExternalWorkflowExecutionInitiatedEventAttributes;
import io.temporal.api.history.v1.StartChildWorkflowExecutionFailedEventAttributes;
import io.temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work between runs: child workflows (start, result to the parent, parent-close policy), and signals and cancel
 * requests to other workflows. Each step is its own transaction on the run it changes, run after the step before
 * it committed; request ids derived from the initiating event make every step safe to repeat, which recovery does
 * for whatever a crash interrupted.
 */
final class Children {
    private static final Logger LOG = LoggerFactory.getLogger(Children.class);
    private static final StartChildWorkflowExecutionFailedCause CHILD_EXISTS =
            StartChildWorkflowExecutionFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS;
    private static final SignalExternalWorkflowExecutionFailedCause SIGNAL_TARGET_NOT_FOUND =
            SignalExternalWorkflowExecutionFailedCause
                    .SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND;
    private static final CancelExternalWorkflowExecutionFailedCause CANCEL_TARGET_NOT_FOUND =
            CancelExternalWorkflowExecutionFailedCause
                    .CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND;

    private final Core core;
    private final Starts starts;

    Children(Core core, Starts starts) {
        this.core = core;
        this.starts = starts;
    }

    void initiateChild(
            Execution parent, Change change, StartChildWorkflowExecutionCommandAttributes command, long completed) {
        var namespace = command.getNamespace().isEmpty() ? parent.state.namespace : command.getNamespace();
        var taskQueue = command.getTaskQueue().getName().isEmpty()
                ? parent.state.started.getTaskQueue()
                : command.getTaskQueue();
        var policy = command.getParentClosePolicy() == ParentClosePolicy.PARENT_CLOSE_POLICY_UNSPECIFIED
                ? ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE
                : command.getParentClosePolicy();
        var attributes = StartChildWorkflowExecutionInitiatedEventAttributes.newBuilder()
                .setNamespace(namespace)
                .setWorkflowId(command.getWorkflowId())
                .setWorkflowType(command.getWorkflowType())
                .setTaskQueue(taskQueue)
                .setInput(command.getInput())
                .setWorkflowExecutionTimeout(command.getWorkflowExecutionTimeout())
                .setWorkflowRunTimeout(command.getWorkflowRunTimeout())
                .setWorkflowTaskTimeout(command.getWorkflowTaskTimeout())
                .setParentClosePolicy(policy)
                .setControl(command.getControl())
                .setWorkflowTaskCompletedEventId(completed)
                .setWorkflowIdReusePolicy(command.getWorkflowIdReusePolicy())
                .setCronSchedule(command.getCronSchedule())
                .setHeader(command.getHeader())
                .setMemo(command.getMemo())
                .setSearchAttributes(command.getSearchAttributes());
        if (command.hasRetryPolicy()) {
            attributes.setRetryPolicy(command.getRetryPolicy());
        }
        var event = parent.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
                .setStartChildWorkflowExecutionInitiatedEventAttributes(attributes));
        var child = new RunState.Child();
        child.initiatedEventId = event.getEventId();
        child.attributes = attributes.build();
        child.parentClosePolicy = policy;
        parent.state.children.put(child.initiatedEventId, child);
        var key = parent.key();
        change.then(() -> core.timers.now(() -> startChild(key, child)));
    }

    private void startChild(ExecutionKey parentKey, RunState.Child child) {
        var attributes = child.attributes;
        var request = StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(attributes.getNamespace())
                .setWorkflowId(attributes.getWorkflowId())
                .setWorkflowType(attributes.getWorkflowType())
                .setTaskQueue(attributes.getTaskQueue())
                .setInput(attributes.getInput())
                .setWorkflowExecutionTimeout(attributes.getWorkflowExecutionTimeout())
                .setWorkflowRunTimeout(attributes.getWorkflowRunTimeout())
                .setWorkflowTaskTimeout(attributes.getWorkflowTaskTimeout())
                .setRequestId(parentKey.runId() + ":" + child.initiatedEventId)
                .setWorkflowIdReusePolicy(attributes.getWorkflowIdReusePolicy())
                .setCronSchedule(attributes.getCronSchedule())
                .setMemo(attributes.getMemo())
                .setSearchAttributes(attributes.getSearchAttributes())
                .setHeader(attributes.getHeader());
        if (attributes.hasRetryPolicy()) {
            request.setRetryPolicy(attributes.getRetryPolicy());
        }
        var parent = new Starts.Parent(
                parentKey.namespace(),
                WorkflowExecution.newBuilder()
                        .setWorkflowId(parentKey.workflowId())
                        .setRunId(parentKey.runId())
                        .build(),
                child.initiatedEventId);
        try {
            var started = starts.start(request.build(), parent, Starts.RunSetup.NONE);
            recordChildStarted(parentKey, child.initiatedEventId, started.runId());
        } catch (EngineException e) {
            if (e.code() == Status.Code.UNAVAILABLE) {
                throw e;
            }
            recordChildFailed(parentKey, child.initiatedEventId, e);
        }
    }

    private void recordChildStarted(ExecutionKey parentKey, long initiatedEventId, String runId) {
        core.runs.mutate(parentKey, (parent, change) -> {
            var child = parent.state.children.get(initiatedEventId);
            if (!parent.state.isRunning() || child == null || child.runId != null) {
                return null;
            }
            child.runId = runId;
            var attributes = child.attributes;
            var appended = parent.appendOrBuffer(HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)
                    .setChildWorkflowExecutionStartedEventAttributes(
                            ChildWorkflowExecutionStartedEventAttributes.newBuilder()
                                    .setNamespace(attributes.getNamespace())
                                    .setInitiatedEventId(initiatedEventId)
                                    .setWorkflowExecution(WorkflowExecution.newBuilder()
                                            .setWorkflowId(attributes.getWorkflowId())
                                            .setRunId(runId))
                                    .setWorkflowType(attributes.getWorkflowType())
                                    .setHeader(attributes.getHeader())));
            if (appended) {
                child.startedEventId = parent.state.nextEventId - 1;
            }
            core.workflowTasks.scheduleIfNone(parent, change);
            return null;
        });
    }

    private void recordChildFailed(ExecutionKey parentKey, long initiatedEventId, EngineException error) {
        core.runs.mutate(parentKey, (parent, change) -> {
            var child = parent.state.children.remove(initiatedEventId);
            if (!parent.state.isRunning() || child == null) {
                return null;
            }
            var attributes = child.attributes;
            if (error.code() != Status.Code.ALREADY_EXISTS) {
                LOG.warn(
                        "child workflow start refused workflowId={} reason={}",
                        attributes.getWorkflowId(),
                        error.getMessage());
            }
            parent.appendOrBuffer(HistoryEvent.newBuilder()
                    .setEventType(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED)
                    .setStartChildWorkflowExecutionFailedEventAttributes(
                            StartChildWorkflowExecutionFailedEventAttributes.newBuilder()
                                    .setNamespace(attributes.getNamespace())
                                    .setWorkflowId(attributes.getWorkflowId())
                                    .setWorkflowType(attributes.getWorkflowType())
                                    .setCause(CHILD_EXISTS)
                                    .setControl(attributes.getControl())
                                    .setInitiatedEventId(initiatedEventId)
                                    .setWorkflowTaskCompletedEventId(attributes.getWorkflowTaskCompletedEventId())));
            core.workflowTasks.scheduleIfNone(parent, change);
            return null;
        });
    }

    /** A run closed: tell its parent (unless it continues as a new run) and apply its parent-close policies. */
    void onClose(Execution execution, Change change) {
        var state = execution.state;
        var closing = execution.history.get(execution.history.size() - 1);
        var started = state.started;
        var continues = state.newRunId != null && !state.newRunId.isEmpty();
        if (started.hasParentWorkflowExecution() && !continues) {
            var parentKey = new ExecutionKey(
                    started.getParentWorkflowNamespace(),
                    started.getParentWorkflowExecution().getWorkflowId(),
                    started.getParentWorkflowExecution().getRunId());
            var self = execution.execution();
            change.then(() -> core.timers.now(
                    () -> notifyParent(parentKey, started.getParentInitiatedEventId(), self, started, closing)));
        }
        for (var child : state.children.values()) {
            if (child.runId == null || child.parentClosePolicy == ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON) {
                continue;
            }
            var target = new ExecutionKey(child.attributes.getNamespace(), child.attributes.getWorkflowId(), "");
            var policy = child.parentClosePolicy;
            change.then(() -> core.timers.now(() -> applyParentClosePolicy(target, policy)));
        }
        state.children.clear();
        state.externals.clear();
    }

    private void applyParentClosePolicy(ExecutionKey child, ParentClosePolicy policy) {
        var current = core.runs.resolve(
                child.namespace(),
                WorkflowExecution.newBuilder().setWorkflowId(child.workflowId()).build());
        if (policy == ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE) {
            core.lifecycle.terminate(current, "by parent close policy", null, "history-service");
        } else {
            core.lifecycle.requestCancel(current, "history-service", "by parent close policy", 0, null);
        }
    }

    private void notifyParent(
            ExecutionKey parentKey,
            long initiatedEventId,
            WorkflowExecution child,
            io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes started,
            HistoryEvent closing) {
        core.runs.mutate(parentKey, (parent, change) -> {
            var pending = parent.state.children.get(initiatedEventId);
            if (!parent.state.isRunning() || pending == null) {
                return null;
            }
            parent.state.children.remove(initiatedEventId);
            var event = childClosedEvent(pending, child, started, closing);
            if (event != null) {
                parent.appendOrBuffer(event);
                core.workflowTasks.scheduleIfNone(parent, change);
            }
            return null;
        });
    }

    private static HistoryEvent.Builder childClosedEvent(
            RunState.Child pending,
            WorkflowExecution child,
            io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes started,
            HistoryEvent closing) {
        var namespace = pending.attributes.getNamespace();
        var type = started.getWorkflowType();
        var initiated = pending.initiatedEventId;
        var startedId = pending.startedEventId;
        var event = HistoryEvent.newBuilder();
        return switch (closing.getEventType()) {
            case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED ->
                event.setEventType(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED)
                        .setChildWorkflowExecutionCompletedEventAttributes(
                                ChildWorkflowExecutionCompletedEventAttributes.newBuilder()
                                        .setResult(closing.getWorkflowExecutionCompletedEventAttributes()
                                                .getResult())
                                        .setNamespace(namespace)
                                        .setWorkflowExecution(child)
                                        .setWorkflowType(type)
                                        .setInitiatedEventId(initiated)
                                        .setStartedEventId(startedId));
            case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED ->
                event.setEventType(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED)
                        .setChildWorkflowExecutionFailedEventAttributes(
                                ChildWorkflowExecutionFailedEventAttributes.newBuilder()
                                        .setFailure(closing.getWorkflowExecutionFailedEventAttributes()
                                                .getFailure())
                                        .setNamespace(namespace)
                                        .setWorkflowExecution(child)
                                        .setWorkflowType(type)
                                        .setInitiatedEventId(initiated)
                                        .setStartedEventId(startedId)
                                        .setRetryState(closing.getWorkflowExecutionFailedEventAttributes()
                                                .getRetryState()));
            case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED ->
                event.setEventType(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED)
                        .setChildWorkflowExecutionCanceledEventAttributes(
                                ChildWorkflowExecutionCanceledEventAttributes.newBuilder()
                                        .setDetails(closing.getWorkflowExecutionCanceledEventAttributes()
                                                .getDetails())
                                        .setNamespace(namespace)
                                        .setWorkflowExecution(child)
                                        .setWorkflowType(type)
                                        .setInitiatedEventId(initiated)
                                        .setStartedEventId(startedId));
            case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED ->
                event.setEventType(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED)
                        .setChildWorkflowExecutionTerminatedEventAttributes(
                                ChildWorkflowExecutionTerminatedEventAttributes.newBuilder()
                                        .setNamespace(namespace)
                                        .setWorkflowExecution(child)
                                        .setWorkflowType(type)
                                        .setInitiatedEventId(initiated)
                                        .setStartedEventId(startedId));
            case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT ->
                event.setEventType(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT)
                        .setChildWorkflowExecutionTimedOutEventAttributes(
                                ChildWorkflowExecutionTimedOutEventAttributes.newBuilder()
                                        .setNamespace(namespace)
                                        .setWorkflowExecution(child)
                                        .setWorkflowType(type)
                                        .setInitiatedEventId(initiated)
                                        .setStartedEventId(startedId)
                                        .setRetryState(closing.getWorkflowExecutionTimedOutEventAttributes()
                                                .getRetryState()));
            default -> null;
        };
    }

    void initiateSignal(
            Execution execution,
            Change change,
            SignalExternalWorkflowExecutionCommandAttributes command,
            long completed) {
        var namespace = command.getNamespace().isEmpty() ? execution.state.namespace : command.getNamespace();
        var event = execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)
                .setSignalExternalWorkflowExecutionInitiatedEventAttributes(
                        SignalExternalWorkflowExecutionInitiatedEventAttributes.newBuilder()
                                .setWorkflowTaskCompletedEventId(completed)
                                .setNamespace(namespace)
                                .setWorkflowExecution(command.getExecution())
                                .setSignalName(command.getSignalName())
                                .setInput(command.getInput())
                                .setControl(command.getControl())
                                .setChildWorkflowOnly(command.getChildWorkflowOnly())
                                .setHeader(command.getHeader())));
        var external = new RunState.External();
        external.initiatedEventId = event.getEventId();
        external.signal = true;
        external.namespace = namespace;
        external.workflowId = command.getExecution().getWorkflowId();
        external.runId = command.getExecution().getRunId();
        external.signalName = command.getSignalName();
        external.input = command.getInput();
        external.control = command.getControl();
        execution.state.externals.put(external.initiatedEventId, external);
        var key = execution.key();
        change.then(() -> core.timers.now(() -> deliver(key, external)));
    }

    void initiateCancel(
            Execution execution,
            Change change,
            RequestCancelExternalWorkflowExecutionCommandAttributes command,
            long completed) {
        var namespace = command.getNamespace().isEmpty() ? execution.state.namespace : command.getNamespace();
        var target = WorkflowExecution.newBuilder()
                .setWorkflowId(command.getWorkflowId())
                .setRunId(command.getRunId())
                .build();
        var event = execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)
                .setRequestCancelExternalWorkflowExecutionInitiatedEventAttributes(
                        RequestCancelExternalWorkflowExecutionInitiatedEventAttributes.newBuilder()
                                .setWorkflowTaskCompletedEventId(completed)
                                .setNamespace(namespace)
                                .setWorkflowExecution(target)
                                .setControl(command.getControl())
                                .setChildWorkflowOnly(command.getChildWorkflowOnly())
                                .setReason(command.getReason())));
        var external = new RunState.External();
        external.initiatedEventId = event.getEventId();
        external.namespace = namespace;
        external.workflowId = command.getWorkflowId();
        external.runId = command.getRunId();
        external.control = command.getControl();
        execution.state.externals.put(external.initiatedEventId, external);
        var key = execution.key();
        change.then(() -> core.timers.now(() -> deliver(key, external)));
    }

    private void deliver(ExecutionKey from, RunState.External external) {
        var source = WorkflowExecution.newBuilder()
                .setWorkflowId(from.workflowId())
                .setRunId(from.runId())
                .build();
        var delivered = true;
        try {
            var target = core.runs.resolve(
                    external.namespace,
                    WorkflowExecution.newBuilder()
                            .setWorkflowId(external.workflowId)
                            .setRunId(external.runId == null ? "" : external.runId)
                            .build());
            if (external.signal) {
                core.lifecycle.signal(
                        target,
                        external.signalName,
                        external.input,
                        "",
                        null,
                        from.runId() + ":" + external.initiatedEventId,
                        source);
            } else {
                core.lifecycle.requestCancel(target, "", "", external.initiatedEventId, source);
            }
        } catch (EngineException e) {
            if (e.code() == Status.Code.UNAVAILABLE) {
                throw e;
            }
            delivered = false;
        }
        recordDelivery(from, external, delivered);
    }

    private void recordDelivery(ExecutionKey from, RunState.External external, boolean delivered) {
        core.runs.mutate(from, (execution, change) -> {
            if (!execution.state.isRunning() || execution.state.externals.remove(external.initiatedEventId) == null) {
                return null;
            }
            var target = WorkflowExecution.newBuilder()
                    .setWorkflowId(external.workflowId)
                    .setRunId(external.runId == null ? "" : external.runId)
                    .build();
            var event = HistoryEvent.newBuilder();
            if (external.signal && delivered) {
                event.setEventType(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED)
                        .setExternalWorkflowExecutionSignaledEventAttributes(
                                ExternalWorkflowExecutionSignaledEventAttributes.newBuilder()
                                        .setInitiatedEventId(external.initiatedEventId)
                                        .setNamespace(external.namespace)
                                        .setWorkflowExecution(target)
                                        .setControl(external.control));
            } else if (external.signal) {
                event.setEventType(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED)
                        .setSignalExternalWorkflowExecutionFailedEventAttributes(
                                SignalExternalWorkflowExecutionFailedEventAttributes.newBuilder()
                                        .setCause(SIGNAL_TARGET_NOT_FOUND)
                                        .setNamespace(external.namespace)
                                        .setWorkflowExecution(target)
                                        .setInitiatedEventId(external.initiatedEventId)
                                        .setControl(external.control));
            } else if (delivered) {
                event.setEventType(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED)
                        .setExternalWorkflowExecutionCancelRequestedEventAttributes(
                                ExternalWorkflowExecutionCancelRequestedEventAttributes.newBuilder()
                                        .setInitiatedEventId(external.initiatedEventId)
                                        .setNamespace(external.namespace)
                                        .setWorkflowExecution(target));
            } else {
                event.setEventType(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED)
                        .setRequestCancelExternalWorkflowExecutionFailedEventAttributes(
                                RequestCancelExternalWorkflowExecutionFailedEventAttributes.newBuilder()
                                        .setCause(CANCEL_TARGET_NOT_FOUND)
                                        .setNamespace(external.namespace)
                                        .setWorkflowExecution(target)
                                        .setInitiatedEventId(external.initiatedEventId)
                                        .setControl(external.control));
            }
            execution.appendOrBuffer(event);
            core.workflowTasks.scheduleIfNone(execution, change);
            return null;
        });
    }

    /** After recovery: repeats the steps a crash may have cut short; each is idempotent. */
    void recover(Execution execution) {
        var key = execution.key();
        for (var child : execution.state.children.values()) {
            if (child.runId == null) {
                core.timers.now(() -> startChild(key, child));
            } else {
                core.timers.now(() -> recheckChild(key, child));
            }
        }
        for (var external : execution.state.externals.values()) {
            core.timers.now(() -> deliver(key, external));
        }
    }

    private void recheckChild(ExecutionKey parentKey, RunState.Child child) {
        var childKey = core.runs.resolve(
                child.attributes.getNamespace(),
                WorkflowExecution.newBuilder()
                        .setWorkflowId(child.attributes.getWorkflowId())
                        .build());
        var run = core.runs.get(childKey);
        run.lock.lock();
        try {
            if (run.state.isRunning() || (run.state.newRunId != null && !run.state.newRunId.isEmpty())) {
                return;
            }
        } finally {
            run.lock.unlock();
        }
        var closing = run.history.get(run.history.size() - 1);
        notifyParent(parentKey, child.initiatedEventId, run.execution(), run.state.started, closing);
    }
}
