package io.junction.temporal.workflow;

import io.grpc.Status;
import io.temporal.api.enums.v1.QueryRejectCondition;
import io.temporal.api.enums.v1.QueryResultType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.errordetails.v1.QueryFailedFailure;
import io.temporal.api.history.v1.History;
import io.temporal.api.query.v1.QueryRejected;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.api.workflowservice.v1.RespondQueryTaskCompletedRequest;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Queries as query tasks: QueryWorkflow puts a task on the run's workflow task queue, a worker replays the
 * history and answers with RespondQueryTaskCompleted, and the caller gets the answer. Queries change nothing and
 * are not stored; one in flight when the server stops is lost, and its caller retries.
 */
final class Queries {
    private final Core core;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    Queries(Core core) {
        this.core = core;
    }

    private record Pending(QueryWorkflowRequest request, CompletableFuture<RespondQueryTaskCompletedRequest> answer) {}

    QueryWorkflowResponse query(QueryWorkflowRequest request, long timeoutMillis) {
        if (request.getQuery().getQueryType().isEmpty()) {
            throw EngineException.invalidArgument("QueryType is not set on request.");
        }
        var key = core.runs.resolve(request.getNamespace(), request.getExecution());
        var deadline = System.currentTimeMillis() + timeoutMillis;
        var execution = awaitFirstWorkflowTask(key, deadline);
        String taskQueue;
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
            taskQueue = execution.state.started.getTaskQueue().getName();
        } finally {
            execution.lock.unlock();
        }
        var id = UUID.randomUUID().toString();
        var waiting = new Pending(request, new CompletableFuture<>());
        pending.put(id, waiting);
        try {
            core.workflowQueue(key.namespace(), taskQueue).offer(new Core.Dispatch.QueryTask(key, id));
            var remaining = Math.max(1, deadline - System.currentTimeMillis());
            var answer = waiting.answer.get(remaining, TimeUnit.MILLISECONDS);
            return result(answer);
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

    private static QueryWorkflowResponse result(RespondQueryTaskCompletedRequest answer) {
        if (answer.getCompletedType() == QueryResultType.QUERY_RESULT_TYPE_FAILED) {
            var details = QueryFailedFailure.newBuilder();
            if (answer.hasFailure()) {
                details.setFailure(answer.getFailure());
            }
            throw EngineException.withDetails(Status.Code.INVALID_ARGUMENT, answer.getErrorMessage(), details.build());
        }
        return QueryWorkflowResponse.newBuilder()
                .setQueryResult(answer.getQueryResult())
                .build();
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
