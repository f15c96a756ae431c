package io.junction.temporal.workflow;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.junction.temporal.persistence.StoreWrite;
import io.junction.temporal.visibility.InvalidSearchAttributeException;
import io.junction.temporal.visibility.SearchAttributeCodec;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import java.time.Instant;
import java.util.UUID;

/**
 * New runs: StartWorkflowExecution with its id reuse and conflict policies and request id dedup, and the runs that
 * continue-as-new, retries and cron schedules create. Starts of one workflow id are serialized by its id lock.
 */
final class Starts {
    static final int MAX_ID_LENGTH = 1000;

    private final Core core;

    Starts(Core core) {
        this.core = core;
    }

    /** The outcome of a start: the run now current, and whether this request created it. */
    record Started(String runId, boolean created) {}

    /** The parent of a child workflow: its namespace, run and the event that initiated the child. */
    record Parent(String namespace, io.temporal.api.common.v1.WorkflowExecution execution, long initiatedEventId) {}

    Started start(StartWorkflowExecutionRequest request, Parent parent, RunSetup setup) {
        validate(request);
        checkSearchAttributes(core, request.getNamespace(), request.getSearchAttributes());
        var runs = core.runs;
        var idLock = runs.idLock(request.getNamespace(), request.getWorkflowId());
        Change change;
        java.util.concurrent.CompletableFuture<Void> commit;
        String runId;
        idLock.lock();
        try {
            var existing = existingRun(request);
            if (existing != null) {
                return existing;
            }
            runId = UUID.randomUUID().toString();
            var started = startedAttributes(request, runId);
            if (parent != null) {
                started.setParentWorkflowNamespace(parent.namespace())
                        .setParentWorkflowExecution(parent.execution())
                        .setParentInitiatedEventId(parent.initiatedEventId());
            }
            var backoff = Durations.toMillis(request.getWorkflowStartDelay());
            if (!request.getCronSchedule().isEmpty()) {
                backoff = CronSchedules.backoffMillis(request.getCronSchedule(), Instant.now());
            }
            change = new Change();
            var execution = create(request.getNamespace(), started, backoff, request.getRequestId(), change);
            setup.prepare(execution, change);
            commit = runs.submit(change);
        } finally {
            idLock.unlock();
        }
        runs.finish(change, commit);
        return new Started(runId, true);
    }

    /** Extra work a start does in its own transaction, such as the first signal of signal-with-start. */
    interface RunSetup {
        RunSetup NONE = (execution, change) -> {};

        void prepare(Execution execution, Change change);
    }

    private Started existingRun(StartWorkflowExecutionRequest request) {
        var runs = core.runs;
        var currentRunId = runs.currentRunId(request.getNamespace(), request.getWorkflowId());
        if (currentRunId == null) {
            return null;
        }
        var current = runs.get(new ExecutionKey(request.getNamespace(), request.getWorkflowId(), currentRunId));
        var state = current.state;
        if (!request.getRequestId().isEmpty() && request.getRequestId().equals(state.startRequestId)) {
            return new Started(currentRunId, false);
        }
        var reuse = request.getWorkflowIdReusePolicy();
        if (state.isRunning()) {
            var conflict = request.getWorkflowIdConflictPolicy();
            if (reuse == WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING
                    || conflict == WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING) {
                core.lifecycle.terminate(
                        current.key(), "TerminateIfRunning WorkflowIdReusePolicy Policy", null, "history-service");
                return null;
            }
            if (conflict == WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING) {
                return new Started(currentRunId, false);
            }
            throw alreadyStarted(
                    request,
                    currentRunId,
                    "Workflow execution is already running. WorkflowId: " + request.getWorkflowId() + ", RunId: "
                            + currentRunId + ".");
        }
        switch (reuse) {
            case WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE ->
                throw alreadyStarted(
                        request,
                        currentRunId,
                        "Workflow execution already finished. WorkflowId: " + request.getWorkflowId() + ", RunId: "
                                + currentRunId + ". Workflow Id reuse policy: reject duplicate workflow Id.");
            case WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY -> {
                if (state.status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
                        || state.status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
                    throw alreadyStarted(
                            request,
                            currentRunId,
                            "Workflow execution already finished successfully. WorkflowId: "
                                    + request.getWorkflowId() + ", RunId: " + currentRunId
                                    + ". Workflow Id reuse policy: allow duplicate workflow Id if last run failed.");
                }
            }
            default -> {}
        }
        return null;
    }

    private static EngineException alreadyStarted(StartWorkflowExecutionRequest request, String runId, String message) {
        return EngineException.withDetails(
                Status.Code.ALREADY_EXISTS,
                message,
                WorkflowExecutionAlreadyStartedFailure.newBuilder()
                        .setStartRequestId(request.getRequestId())
                        .setRunId(runId)
                        .build());
    }

    /** Refuses search attributes the namespace does not define or whose values do not fit their types. */
    static void checkSearchAttributes(
            Core core, String namespace, io.temporal.api.common.v1.SearchAttributes attributes) {
        if (attributes.getIndexedFieldsCount() == 0) {
            return;
        }
        try {
            SearchAttributeCodec.decode(attributes, core.namespaces.registry(namespace));
        } catch (InvalidSearchAttributeException e) {
            throw EngineException.invalidArgument(e.getMessage());
        }
    }

    /** Temporal measures identifiers in UTF-8 bytes, as Go's {@code len} does. */
    static int utf8Length(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    static void validate(StartWorkflowExecutionRequest request) {
        if (request.getWorkflowId().isEmpty()) {
            throw EngineException.invalidArgument("WorkflowId is not set on request.");
        }
        if (utf8Length(request.getWorkflowId()) > MAX_ID_LENGTH) {
            throw EngineException.invalidArgument("WorkflowId exceeds maximum allowed length ("
                    + utf8Length(request.getWorkflowId()) + "/" + MAX_ID_LENGTH + ")");
        }
        if (request.getWorkflowType().getName().isEmpty()) {
            throw EngineException.invalidArgument("WorkflowType is not set on request.");
        }
        if (utf8Length(request.getWorkflowType().getName()) > MAX_ID_LENGTH) {
            throw EngineException.invalidArgument("workflow type name exceeds maximum allowed length ("
                    + utf8Length(request.getWorkflowType().getName()) + "/" + MAX_ID_LENGTH + ")");
        }
        if (request.getTaskQueue().getName().isEmpty()) {
            throw EngineException.invalidArgument("missing task queue name");
        }
        if (utf8Length(request.getTaskQueue().getName()) > MAX_ID_LENGTH) {
            throw EngineException.invalidArgument("task queue name length exceeds limit of " + MAX_ID_LENGTH);
        }
        if (!Durations.isValid(request.getWorkflowExecutionTimeout())
                || Durations.toMillis(request.getWorkflowExecutionTimeout()) < 0) {
            throw EngineException.invalidArgument("An invalid WorkflowExecutionTimeoutSeconds is set on request.");
        }
        if (!Durations.isValid(request.getWorkflowRunTimeout())
                || Durations.toMillis(request.getWorkflowRunTimeout()) < 0) {
            throw EngineException.invalidArgument("An invalid WorkflowRunTimeoutSeconds is set on request.");
        }
        if (!Durations.isValid(request.getWorkflowTaskTimeout())
                || Durations.toMillis(request.getWorkflowTaskTimeout()) < 0) {
            throw EngineException.invalidArgument("An invalid WorkflowTaskTimeoutSeconds is set on request.");
        }
        if (!Durations.isValid(request.getWorkflowStartDelay())
                || Durations.toMillis(request.getWorkflowStartDelay()) < 0) {
            throw EngineException.invalidArgument("An invalid WorkflowStartDelaySeconds is set on request.");
        }
        if (utf8Length(request.getRequestId()) > MAX_ID_LENGTH) {
            throw EngineException.invalidArgument("Request ID exceeds maximum allowed length ("
                    + utf8Length(request.getRequestId()) + "/" + MAX_ID_LENGTH + ")");
        }
        var retryProblem = RetryPolicies.validate(request.getRetryPolicy());
        if (retryProblem != null) {
            throw EngineException.invalidArgument(retryProblem);
        }
        if (!request.getCronSchedule().isEmpty()) {
            var cronProblem = CronSchedules.validate(request.getCronSchedule());
            if (cronProblem != null) {
                throw EngineException.invalidArgument(cronProblem);
            }
            if (request.hasWorkflowStartDelay() && Durations.toMillis(request.getWorkflowStartDelay()) > 0) {
                throw EngineException.invalidArgument("CronSchedule and WorkflowStartDelay may not be used together.");
            }
        }
        if (request.getWorkflowIdReusePolicy() == WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING
                && request.getWorkflowIdConflictPolicy()
                        != WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED) {
            throw EngineException.invalidArgument("Invalid WorkflowIDReusePolicy: "
                    + "WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING cannot be used together with a "
                    + "WorkflowIDConflictPolicy");
        }
    }

    private static WorkflowExecutionStartedEventAttributes.Builder startedAttributes(
            StartWorkflowExecutionRequest request, String runId) {
        var started = WorkflowExecutionStartedEventAttributes.newBuilder()
                .setWorkflowType(request.getWorkflowType())
                .setTaskQueue(WorkflowTasks.normalQueue(request.getTaskQueue().getName()))
                .setInput(request.getInput())
                .setWorkflowExecutionTimeout(request.getWorkflowExecutionTimeout())
                .setWorkflowRunTimeout(effectiveRunTimeout(request))
                .setWorkflowTaskTimeout(taskTimeout(request.getWorkflowTaskTimeout()))
                .setOriginalExecutionRunId(runId)
                .setIdentity(request.getIdentity())
                .setFirstExecutionRunId(runId)
                .setAttempt(1)
                .setCronSchedule(request.getCronSchedule())
                .setMemo(request.getMemo())
                .setSearchAttributes(request.getSearchAttributes())
                .setHeader(request.getHeader())
                .setWorkflowId(request.getWorkflowId());
        if (request.hasRetryPolicy()) {
            started.setRetryPolicy(RetryPolicies.withActivityDefaults(request.getRetryPolicy()));
        }
        if (request.hasContinuedFailure()) {
            started.setContinuedFailure(request.getContinuedFailure());
        }
        if (request.hasLastCompletionResult()) {
            started.setLastCompletionResult(request.getLastCompletionResult());
        }
        var executionTimeout = Durations.toMillis(request.getWorkflowExecutionTimeout());
        if (executionTimeout > 0) {
            started.setWorkflowExecutionExpirationTime(
                    Timestamps.fromMillis(System.currentTimeMillis() + executionTimeout));
        }
        return started;
    }

    private static com.google.protobuf.Duration effectiveRunTimeout(StartWorkflowExecutionRequest request) {
        var run = Durations.toMillis(request.getWorkflowRunTimeout());
        var execution = Durations.toMillis(request.getWorkflowExecutionTimeout());
        if (execution > 0 && (run <= 0 || run > execution)) {
            return request.getWorkflowExecutionTimeout();
        }
        return request.getWorkflowRunTimeout();
    }

    static com.google.protobuf.Duration taskTimeout(com.google.protobuf.Duration requested) {
        var millis = Durations.toMillis(requested);
        return Durations.fromMillis(millis <= 0 ? WorkflowTasks.DEFAULT_TIMEOUT_MILLIS : Math.min(millis, 120_000));
    }

    /**
     * Creates a run in {@code change}, registered and current: its WorkflowExecutionStarted event, and its first
     * workflow task now or after {@code backoffMillis}. The change holds the new run's lock until it is handed to
     * the store.
     */
    Execution create(
            String namespace,
            WorkflowExecutionStartedEventAttributes.Builder started,
            long backoffMillis,
            String requestId,
            Change change) {
        var now = System.currentTimeMillis();
        var state = new RunState();
        state.namespace = namespace;
        state.workflowId = started.getWorkflowId();
        state.runId = started.getOriginalExecutionRunId();
        if (backoffMillis > 0) {
            started.setFirstWorkflowTaskBackoff(Durations.fromMillis(backoffMillis));
        }
        state.started = started.build();
        state.startTime = now;
        state.executionTime = now + Math.max(0, backoffMillis);
        state.startRequestId = requestId;
        state.memo = started.getMemo();
        state.searchAttributes = started.getSearchAttributes();
        var runTimeout = Durations.toMillis(started.getWorkflowRunTimeout());
        if (runTimeout > 0) {
            state.runDeadline = now + Math.max(0, backoffMillis) + runTimeout;
        }
        if (started.hasWorkflowExecutionExpirationTime()) {
            state.executionDeadline = Timestamps.toMillis(started.getWorkflowExecutionExpirationTime());
        }
        var execution = new Execution(state, java.util.List.of());
        change.touchNew(execution);
        execution.visibilityChanged = true;
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
                .setEventTime(Timestamps.fromMillis(now))
                .setWorkflowExecutionStartedEventAttributes(state.started));
        if (backoffMillis > 0) {
            var key = execution.key();
            var at = now + backoffMillis;
            state.workflowTaskBackoffUntil = at;
            change.then(() -> core.lifecycle.armFirstTask(key, at));
        } else {
            core.workflowTasks.schedule(execution, change, 1, 0);
        }
        var key = execution.key();
        if (state.runDeadline > 0 || state.executionDeadline > 0) {
            change.then(() -> core.lifecycle.armRunTimeout(key));
        }
        core.runs.register(execution);
        core.runs.setCurrent(namespace, state.workflowId, state.runId);
        change.write(new StoreWrite.PutCurrentRun(namespace, state.workflowId, state.runId));
        return execution;
    }
}
