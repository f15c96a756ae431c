package io.junction.temporal.workflow;

import io.grpc.Status;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.QueryRejectCondition;
import io.temporal.api.enums.v1.QueryResultType;
import io.temporal.api.enums.v1.ResourceExhaustedCause;
import io.temporal.api.enums.v1.ResourceExhaustedScope;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.errordetails.v1.QueryFailedFailure;
import io.temporal.api.errordetails.v1.ResourceExhaustedFailure;
import io.temporal.api.errordetails.v1.WorkflowNotReadyFailure;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.History;
import io.temporal.api.query.v1.QueryRejected;
import io.temporal.api.query.v1.WorkflowQueryResult;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.api.workflowservice.v1.RespondQueryTaskCompletedRequest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * QueryWorkflow, answered the two ways Temporal's history service answers it.
 *
 * <h2>Consistent queries</h2>
 * A query to a run with a workflow task in flight (scheduled or started) could, as a query task, miss events that
 * came before it: a signal buffered behind the started task, or one the scheduled task has not yet shown the worker.
 * So it waits in the run's {@link QueryBuffer} and rides on the next workflow task a worker starts, which answers it
 * in RespondWorkflowTaskCompleted's {@code query_results} after applying the task's events. A task that fails or
 * times out leaves its queries buffered for the retry. A commit that leaves the run with no workflow task unblocks
 * the rest, and they go as query tasks: nothing can then come before them.
 *
 * <h2>Query tasks</h2>
 * With no workflow task in flight, or once unblocked, the query is a task on the run's workflow task queue; a worker
 * replays the history and answers with RespondQueryTaskCompleted.
 *
 * <p>Queries change nothing and are not stored; one in flight when the server stops is lost, and its caller retries.
 */
final class Queries {
    /** Temporal's default {@code history.MaxBufferedQueryCount}: one buffered query per run at a time. */
    static final int MAX_BUFFERED_PER_RUN = 1;

    /**
     * From this attempt of a run's workflow task on, a query fails at once, as in Temporal: the worker keeps failing
     * the task, so it would fail the query too, and a buffered one would wait out the retry backoff.
     */
    private static final int FAILING_TASK_ATTEMPT = 3;

    private final Core core;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final LongAdder buffered = new LongAdder();
    private final LongAdder answeredOnWorkflowTasks = new LongAdder();
    private final LongAdder sentAsQueryTasks = new LongAdder();

    Queries(Core core) {
        this.core = core;
    }

    private record Pending(QueryWorkflowRequest request, CompletableFuture<RespondQueryTaskCompletedRequest> answer) {}

    /** Where a query goes: buffered on the run (with its outcome to wait for), or straight to a query task. */
    private record Route(String taskQueue, String bufferedId, CompletableFuture<QueryBuffer.Outcome> outcome) {}

    WorkflowEngine.QueryCounts counts() {
        return new WorkflowEngine.QueryCounts(buffered.sum(), answeredOnWorkflowTasks.sum(), sentAsQueryTasks.sum());
    }

    QueryWorkflowResponse query(QueryWorkflowRequest request, long timeoutMillis) {
        if (request.getQuery().getQueryType().isEmpty()) {
            throw EngineException.invalidArgument("QueryType is not set on request.");
        }
        var key = core.runs.resolve(request.getNamespace(), request.getExecution());
        var deadline = System.currentTimeMillis() + timeoutMillis;
        var execution = awaitFirstWorkflowTask(key, deadline);
        Route route;
        execution.lock.lock();
        try {
            var status = execution.state.status;
            var reject = request.getQueryRejectCondition();
            if ((reject == QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_OPEN && !execution.state.isRunning())
                    || (reject == QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_COMPLETED_CLEANLY
                            && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
                            && !execution.state.isRunning())) {
                return QueryWorkflowResponse.newBuilder()
                        .setQueryRejected(QueryRejected.newBuilder().setStatus(status))
                        .build();
            }
            var task = execution.state.workflowTask;
            if (execution.state.isRunning() && task != null && task.attempt >= FAILING_TASK_ATTEMPT) {
                throw EngineException.withDetails(
                        Status.Code.FAILED_PRECONDITION,
                        "Unable to query workflow due to Workflow Task in failed state.",
                        WorkflowNotReadyFailure.getDefaultInstance());
            }
            route = route(execution, request);
        } finally {
            execution.lock.unlock();
        }
        if (route.outcome != null) {
            var outcome = awaitBuffered(execution, route, deadline);
            if (outcome instanceof QueryBuffer.Outcome.Answered answered) {
                var result = answered.result();
                return result(
                        result.getResultType(),
                        result.getAnswer(),
                        result.getErrorMessage(),
                        result.hasFailure() ? result.getFailure() : null);
            }
        }
        return queryTask(key, route.taskQueue, request, deadline);
    }

    /** Buffers the query when the run has a workflow task in flight; called with the run's lock held. */
    private Route route(Execution execution, QueryWorkflowRequest request) {
        var state = execution.state;
        var taskQueue = state.started.getTaskQueue().getName();
        if (!state.isRunning() || state.workflowTask == null) {
            return new Route(taskQueue, null, null);
        }
        if (execution.queries.size() >= MAX_BUFFERED_PER_RUN) {
            throw EngineException.withDetails(
                    Status.Code.RESOURCE_EXHAUSTED,
                    "consistent query buffer is full, this may be caused by too many queries and workflow not able"
                            + " to process query fast enough",
                    ResourceExhaustedFailure.newBuilder()
                            .setCause(ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_BUSY_WORKFLOW)
                            .setScope(ResourceExhaustedScope.RESOURCE_EXHAUSTED_SCOPE_NAMESPACE)
                            .build());
        }
        var id = UUID.randomUUID().toString();
        var outcome = execution.queries.add(id, request.getQuery());
        buffered.increment();
        return new Route(taskQueue, id, outcome);
    }

    private QueryBuffer.Outcome awaitBuffered(Execution execution, Route route, long deadline) {
        try {
            return route.outcome.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineException(
                    Status.Code.DEADLINE_EXCEEDED, "query timed out before a workflow task answered it", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.unavailable("query interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EngineException engine) {
                throw engine;
            }
            throw EngineException.unavailable("query failed: " + e.getCause().getMessage());
        } finally {
            execution.queries.remove(route.bufferedId);
            buffered.decrement();
        }
    }

    /** Completes buffered queries with a worker's {@code query_results}; called with the run's lock held. */
    void answer(Execution execution, Map<String, WorkflowQueryResult> results) {
        if (!results.isEmpty()) {
            answeredOnWorkflowTasks.add(execution.queries.answer(results));
        }
    }

    private QueryWorkflowResponse queryTask(
            ExecutionKey key, String taskQueue, QueryWorkflowRequest request, long deadline) {
        var id = UUID.randomUUID().toString();
        var waiting = new Pending(request, new CompletableFuture<>());
        pending.put(id, waiting);
        try {
            sentAsQueryTasks.increment();
            core.workflowQueue(key.namespace(), taskQueue).offer(new Core.Dispatch.QueryTask(key, id));
            var remaining = Math.max(1, deadline - System.currentTimeMillis());
            var answer = waiting.answer.get(remaining, TimeUnit.MILLISECONDS);
            return result(
                    answer.getCompletedType(),
                    answer.getQueryResult(),
                    answer.getErrorMessage(),
                    answer.hasFailure() ? answer.getFailure() : null);
        } catch (TimeoutException e) {
            throw new EngineException(Status.Code.DEADLINE_EXCEEDED, "query timed out before a worker answered", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.unavailable("query interrupted");
        } catch (ExecutionException e) {
            throw EngineException.unavailable("query failed: " + e.getCause().getMessage());
        } finally {
            pending.remove(id);
        }
    }

    /**
     * A workflow answers queries only once its code has run, so a query to a run whose first workflow task has not
     * completed waits for it, as Temporal's server does.
     */
    private Execution awaitFirstWorkflowTask(ExecutionKey key, long deadline) {
        while (true) {
            var execution = core.runs.get(key);
            CompletableFuture<Void> change;
            execution.lock.lock();
            try {
                if (execution.state.previousStartedEventId > 0 || !execution.state.isRunning()) {
                    return execution;
                }
                change = execution.nextChange();
            } finally {
                execution.lock.unlock();
            }
            try {
                change.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new EngineException(
                        Status.Code.DEADLINE_EXCEEDED,
                        "query timed out before the first workflow task completed",
                        null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw EngineException.unavailable("query interrupted");
            } catch (ExecutionException e) {
                throw EngineException.unavailable(
                        "query failed: " + e.getCause().getMessage());
            }
        }
    }

    /**
     * The caller's answer from a worker's result, the same for both ways: a FAILED result is Temporal's QueryFailed
     * error, INVALID_ARGUMENT with the worker's message and failure.
     */
    private static QueryWorkflowResponse result(
            QueryResultType type, Payloads answer, String errorMessage, Failure failure) {
        if (type == QueryResultType.QUERY_RESULT_TYPE_FAILED) {
            var details = QueryFailedFailure.newBuilder();
            if (failure != null) {
                details.setFailure(failure);
            }
            throw EngineException.withDetails(Status.Code.INVALID_ARGUMENT, errorMessage, details.build());
        }
        return QueryWorkflowResponse.newBuilder().setQueryResult(answer).build();
    }

    /** Hands a query task to a poll; null when its caller has gone. */
    PollWorkflowTaskQueueResponse start(Core.Dispatch.QueryTask dispatch) {
        var waiting = pending.get(dispatch.queryId());
        if (waiting == null) {
            return null;
        }
        Execution execution;
        try {
            execution = core.runs.get(dispatch.run());
        } catch (EngineException e) {
            waiting.answer.completeExceptionally(e);
            return null;
        }
        execution.lock.lock();
        try {
            var state = execution.state;
            var token = new TaskToken(TaskToken.Kind.QUERY_TASK, dispatch.run(), 0, 0, dispatch.queryId());
            return PollWorkflowTaskQueueResponse.newBuilder()
                    .setTaskToken(token.encode())
                    .setWorkflowExecution(execution.execution())
                    .setWorkflowType(state.started.getWorkflowType())
                    .setQuery(waiting.request.getQuery())
                    .setHistory(History.newBuilder().addAllEvents(execution.history))
                    .setWorkflowExecutionTaskQueue(state.started.getTaskQueue())
                    .setPreviousStartedEventId(state.previousStartedEventId)
                    .setAttempt(1)
                    .build();
        } finally {
            execution.lock.unlock();
        }
    }

    void complete(RespondQueryTaskCompletedRequest request) {
        var token = TaskToken.decode(request.getTaskToken());
        if (token.kind() != TaskToken.Kind.QUERY_TASK) {
            throw EngineException.invalidArgument("Invalid TaskToken.");
        }
        var waiting = pending.get(token.queryId());
        if (waiting == null) {
            throw EngineException.notFound("query task not found or already expired");
        }
        waiting.answer.complete(request);
    }
}
