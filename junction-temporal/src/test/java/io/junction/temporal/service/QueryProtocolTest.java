package io.junction.temporal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Durations;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.QueryResultType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.errordetails.v1.QueryFailedFailure;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.query.v1.WorkflowQueryResult;
import io.temporal.api.taskqueue.v1.StickyExecutionAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.api.workflowservice.v1.RespondQueryTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Queries as a worker sees them over raw gRPC: attached to the workflow task that is in flight when they arrive (the
 * poll response's {@code queries}, answered in {@code query_results}), or sent as query tasks when no task is.
 */
class QueryProtocolTest extends GrpcServerTest {
    private static final TaskQueue QUEUE =
            TaskQueue.newBuilder().setName("queries").build();
    private static final Payload OK =
            Payload.newBuilder().setData(ByteString.copyFromUtf8("\"ok\"")).build();

    private void start(String workflowId) {
        stub.startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setWorkflowId(workflowId)
                .setWorkflowType(WorkflowType.newBuilder().setName("W"))
                .setTaskQueue(QUEUE)
                .setWorkflowTaskTimeout(Durations.fromSeconds(10))
                .setRequestId(workflowId + "-request")
                .build());
    }

    /** Starts a run and completes its first workflow task with no commands, so it waits for signals. */
    private void startAndCompleteFirstTask(String workflowId) {
        start(workflowId);
        complete(poll(QUEUE), Map.of());
    }

    private PollWorkflowTaskQueueResponse poll(TaskQueue queue) {
        return stub.withDeadlineAfter(15, TimeUnit.SECONDS)
                .pollWorkflowTaskQueue(PollWorkflowTaskQueueRequest.newBuilder()
                        .setNamespace("default")
                        .setTaskQueue(queue)
                        .setIdentity("raw-worker")
                        .build());
    }

    /** A poll that finds nothing, so the server counts the sticky queue's worker as polling. */
    private void pollBriefly(TaskQueue queue) {
        try {
            stub.withDeadlineAfter(1500, TimeUnit.MILLISECONDS)
                    .pollWorkflowTaskQueue(PollWorkflowTaskQueueRequest.newBuilder()
                            .setNamespace("default")
                            .setTaskQueue(queue)
                            .setIdentity("raw-worker")
                            .build());
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        }
    }

    private void complete(PollWorkflowTaskQueueResponse task, Map<String, WorkflowQueryResult> results) {
        stub.respondWorkflowTaskCompleted(RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace("default")
                .setTaskToken(task.getTaskToken())
                .setIdentity("raw-worker")
                .putAllQueryResults(results)
                .build());
    }

    private void signal(String workflowId, String name) {
        stub.signalWorkflowExecution(SignalWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .setSignalName(name)
                .setRequestId(workflowId + name)
                .build());
    }

    private ListenableFuture<QueryWorkflowResponse> query(String workflowId) {
        return WorkflowServiceGrpc.newFutureStub(channel)
                .withDeadlineAfter(15, TimeUnit.SECONDS)
                .queryWorkflow(QueryWorkflowRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .setQuery(WorkflowQuery.newBuilder().setQueryType("status"))
                        .build());
    }

    /** Waits until the server holds {@code count} queries back for a workflow task. */
    private void awaitBuffered(long count) {
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> server.engine().queryCounts().buffered() == count);
    }

    private static WorkflowQueryResult answered() {
        return WorkflowQueryResult.newBuilder()
                .setResultType(QueryResultType.QUERY_RESULT_TYPE_ANSWERED)
                .setAnswer(Payloads.newBuilder().addPayloads(OK))
                .build();
    }

    private static boolean hasSignal(PollWorkflowTaskQueueResponse task, String name) {
        return task.getHistory().getEventsList().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                .map(HistoryEvent::getWorkflowExecutionSignaledEventAttributes)
                .anyMatch(s -> s.getSignalName().equals(name));
    }

    @Test
    void aQueryToARunWithAScheduledWorkflowTaskRidesOnThatTaskAndItsAnswerCompletesTheQuery() throws Exception {
        startAndCompleteFirstTask("scheduled");
        signal("scheduled", "go");

        var query = query("scheduled");
        awaitBuffered(1);
        var task = poll(QUEUE);
        complete(task, Map.of(task.getQueriesMap().keySet().iterator().next(), answered()));

        assertThat(task.hasQuery()).isFalse();
        assertThat(hasSignal(task, "go")).isTrue();
        assertThat(task.getQueriesMap().values())
                .extracting(WorkflowQuery::getQueryType)
                .containsExactly("status");
        assertThat(query.get(10, TimeUnit.SECONDS).getQueryResult().getPayloads(0))
                .isEqualTo(OK);
        assertThat(server.engine().queryCounts().answeredOnWorkflowTasks()).isEqualTo(1);
        assertThat(server.engine().queryCounts().queryTasks()).isZero();
    }

    @Test
    void aFailedAnswerOnAWorkflowTaskIsTheQueryFailedError() throws Exception {
        startAndCompleteFirstTask("failed");
        signal("failed", "go");
        var query = query("failed");
        awaitBuffered(1);
        var task = poll(QUEUE);

        complete(
                task,
                Map.of(
                        task.getQueriesMap().keySet().iterator().next(),
                        WorkflowQueryResult.newBuilder()
                                .setResultType(QueryResultType.QUERY_RESULT_TYPE_FAILED)
                                .setErrorMessage("no status yet")
                                .setFailure(Failure.newBuilder().setMessage("no status yet"))
                                .build()));

        assertThatThrownBy(() -> query.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("no status yet");
                    assertThat(queryFailure(e).getFailure().getMessage()).isEqualTo("no status yet");
                });
    }

    private static QueryFailedFailure queryFailure(StatusRuntimeException e) {
        try {
            return StatusProto.fromThrowable(e).getDetails(0).unpack(QueryFailedFailure.class);
        } catch (InvalidProtocolBufferException invalid) {
            throw new AssertionError(invalid);
        }
    }

    @Test
    void aQueryThatArrivesWhileATaskIsStartedRidesOnTheNextTaskWhenABufferedSignalSchedulesOne() throws Exception {
        startAndCompleteFirstTask("started");
        signal("started", "first");
        var running = poll(QUEUE);

        var query = query("started");
        awaitBuffered(1);
        signal("started", "second");
        complete(running, Map.of());
        var next = poll(QUEUE);
        complete(next, Map.of(next.getQueriesMap().keySet().iterator().next(), answered()));

        assertThat(running.getQueriesMap()).isEmpty();
        assertThat(hasSignal(next, "second")).isTrue();
        assertThat(next.getQueriesMap()).hasSize(1);
        assertThat(query.get(10, TimeUnit.SECONDS).getQueryResult().getPayloads(0))
                .isEqualTo(OK);
    }

    @Test
    void aQueryThatArrivesWhileATaskIsStartedGoesAsAQueryTaskWhenNoTaskFollows() throws Exception {
        startAndCompleteFirstTask("unblocked");
        signal("unblocked", "first");
        var running = poll(QUEUE);

        var query = query("unblocked");
        awaitBuffered(1);
        complete(running, Map.of());
        var queryTask = poll(QUEUE);
        stub.respondQueryTaskCompleted(RespondQueryTaskCompletedRequest.newBuilder()
                .setNamespace("default")
                .setTaskToken(queryTask.getTaskToken())
                .setCompletedType(QueryResultType.QUERY_RESULT_TYPE_ANSWERED)
                .setQueryResult(Payloads.newBuilder().addPayloads(OK))
                .build());

        assertThat(queryTask.getQuery().getQueryType()).isEqualTo("status");
        assertThat(queryTask.getQueriesMap()).isEmpty();
        assertThat(hasSignal(queryTask, "first")).isTrue();
        assertThat(query.get(10, TimeUnit.SECONDS).getQueryResult().getPayloads(0))
                .isEqualTo(OK);
        assertThat(server.engine().queryCounts().queryTasks()).isEqualTo(1);
    }

    @Test
    void queriesOfAFailedWorkflowTaskRideOnItsRetry() throws Exception {
        startAndCompleteFirstTask("retried");
        signal("retried", "go");
        var query = query("retried");
        awaitBuffered(1);
        var failing = poll(QUEUE);

        stub.respondWorkflowTaskFailed(RespondWorkflowTaskFailedRequest.newBuilder()
                .setNamespace("default")
                .setTaskToken(failing.getTaskToken())
                .setCause(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE)
                .setIdentity("raw-worker")
                .build());
        var retry = poll(QUEUE);
        complete(retry, Map.of(retry.getQueriesMap().keySet().iterator().next(), answered()));

        assertThat(retry.getAttempt()).isEqualTo(2);
        assertThat(retry.getQueriesMap().keySet())
                .isEqualTo(failing.getQueriesMap().keySet());
        assertThat(query.get(10, TimeUnit.SECONDS).getQueryResult().getPayloads(0))
                .isEqualTo(OK);
    }

    @Test
    void aQueryRidesOnTheTaskGivenToTheStickyQueue() throws Exception {
        var sticky = TaskQueue.newBuilder()
                .setName("raw-worker:sticky")
                .setKind(TaskQueueKind.TASK_QUEUE_KIND_STICKY)
                .setNormalName(QUEUE.getName())
                .build();
        startAndCompleteFirstTask("sticky");
        pollBriefly(sticky);
        signal("sticky", "first");
        var running = poll(QUEUE);
        var query = query("sticky");
        awaitBuffered(1);
        signal("sticky", "second");

        stub.respondWorkflowTaskCompleted(RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace("default")
                .setTaskToken(running.getTaskToken())
                .setIdentity("raw-worker")
                .setStickyAttributes(StickyExecutionAttributes.newBuilder()
                        .setWorkerTaskQueue(sticky)
                        .setScheduleToStartTimeout(Durations.fromSeconds(5)))
                .build());
        var next = poll(sticky);
        complete(next, Map.of(next.getQueriesMap().keySet().iterator().next(), answered()));

        assertThat(next.getPreviousStartedEventId()).isPositive();
        assertThat(next.getHistory().getEvents(0).getEventId()).isGreaterThan(1);
        assertThat(hasSignal(next, "second")).isTrue();
        assertThat(query.get(10, TimeUnit.SECONDS).getQueryResult().getPayloads(0))
                .isEqualTo(OK);
    }

    @Test
    void aSecondQueryWhileOneIsBufferedIsRefusedAsTemporalsBufferIsFull() throws Exception {
        startAndCompleteFirstTask("full");
        signal("full", "go");
        var first = query("full");
        awaitBuffered(1);

        assertThatThrownBy(() -> query("full").get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        var task = poll(QUEUE);
        complete(task, Map.of(task.getQueriesMap().keySet().iterator().next(), answered()));
        assertThat(first.get(10, TimeUnit.SECONDS).getQueryResult().getPayloads(0))
                .isEqualTo(OK);
    }

    @Test
    void aQueryToARunWhoseWorkflowTaskKeepsFailingFailsAtOnce() {
        startAndCompleteFirstTask("failing");
        signal("failing", "go");
        for (var attempt = 1; attempt <= 2; attempt++) {
            stub.respondWorkflowTaskFailed(RespondWorkflowTaskFailedRequest.newBuilder()
                    .setNamespace("default")
                    .setTaskToken(poll(QUEUE).getTaskToken())
                    .setCause(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE)
                    .setIdentity("raw-worker")
                    .build());
        }

        assertThatThrownBy(() -> query("failing").get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("Unable to query workflow due to Workflow Task in failed state.");
                });
    }
}
