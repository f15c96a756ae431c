package io.junction.temporal.service;

import io.grpc.stub.StreamObserver;
import io.junction.temporal.workflow.WorkflowEngine;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseResponse;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatByIdRequest;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatByIdResponse;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatResponse;
import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ResetStickyTaskQueueRequest;
import io.temporal.api.workflowservice.v1.ResetStickyTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledByIdRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledByIdResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedByIdRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedByIdResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedByIdRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedByIdResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedResponse;
import io.temporal.api.workflowservice.v1.RespondQueryTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondQueryTaskCompletedResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedResponse;
import io.temporal.api.workflowservice.v1.ShutdownWorkerRequest;
import io.temporal.api.workflowservice.v1.ShutdownWorkerResponse;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;

/**
 * Temporal's WorkflowService RPCs for running workflows: starts, workflow and activity tasks, signals, queries,
 * cancellation, history. Namespace, visibility and cluster RPCs are in {@link WorkflowServiceAdmin}, which extends
 * this class. RPCs Junction does not serve answer UNIMPLEMENTED, as the generated base class does.
 */
class WorkflowService extends WorkflowServiceGrpc.WorkflowServiceImplBase {
    private static final long POLL_MILLIS = 60_000;
    private static final long HISTORY_POLL_MILLIS = 20_000;

    final WorkflowEngine engine;

    WorkflowService(WorkflowEngine engine) {
        this.engine = engine;
    }

    @Override
    public void startWorkflowExecution(
            StartWorkflowExecutionRequest request, StreamObserver<StartWorkflowExecutionResponse> observer) {
        Calls.run(observer, () -> {
            Limits.checkBlob(request.getInput());
            var started = engine.start(request);
            return StartWorkflowExecutionResponse.newBuilder()
                    .setRunId(started.runId())
                    .setStarted(started.started())
                    .build();
        });
    }

    @Override
    public void signalWithStartWorkflowExecution(
            SignalWithStartWorkflowExecutionRequest request,
            StreamObserver<SignalWithStartWorkflowExecutionResponse> observer) {
        Calls.run(observer, () -> {
            Limits.checkBlob(request.getInput());
            Limits.checkBlob(request.getSignalInput());
            var runId = engine.signalWithStart(request);
            return SignalWithStartWorkflowExecutionResponse.newBuilder()
                    .setRunId(runId)
                    .build();
        });
    }

    @Override
    public void pollWorkflowTaskQueue(
            PollWorkflowTaskQueueRequest request, StreamObserver<PollWorkflowTaskQueueResponse> observer) {
        var budget = Calls.pollBudget(POLL_MILLIS);
        var cancel = Calls.cancellation();
        Calls.run(observer, (Calls.Handler<PollWorkflowTaskQueueResponse>)
                () -> engine.pollWorkflowTask(request, budget, cancel));
    }

    @Override
    public void respondWorkflowTaskCompleted(
            RespondWorkflowTaskCompletedRequest request,
            StreamObserver<RespondWorkflowTaskCompletedResponse> observer) {
        Calls.run(observer, () -> engine.respondWorkflowTaskCompleted(request));
    }

    @Override
    public void respondWorkflowTaskFailed(
            RespondWorkflowTaskFailedRequest request, StreamObserver<RespondWorkflowTaskFailedResponse> observer) {
        Calls.run(observer, () -> {
            engine.respondWorkflowTaskFailed(request);
            return RespondWorkflowTaskFailedResponse.getDefaultInstance();
        });
    }

    @Override
    public void pollActivityTaskQueue(
            PollActivityTaskQueueRequest request, StreamObserver<PollActivityTaskQueueResponse> observer) {
        var budget = Calls.pollBudget(POLL_MILLIS);
        var cancel = Calls.cancellation();
        Calls.run(observer, (Calls.Handler<PollActivityTaskQueueResponse>)
                () -> engine.pollActivityTask(request, budget, cancel));
    }

    @Override
    public void recordActivityTaskHeartbeat(
            RecordActivityTaskHeartbeatRequest request, StreamObserver<RecordActivityTaskHeartbeatResponse> observer) {
        Calls.run(observer, () -> {
            Limits.checkBlob(request.getDetails());
            var cancel = engine.interactions().heartbeat(request.getTaskToken(), request.getDetails());
            return RecordActivityTaskHeartbeatResponse.newBuilder()
                    .setCancelRequested(cancel)
                    .build();
        });
    }

    @Override
    public void recordActivityTaskHeartbeatById(
            RecordActivityTaskHeartbeatByIdRequest request,
            StreamObserver<RecordActivityTaskHeartbeatByIdResponse> observer) {
        Calls.run(observer, () -> {
            Limits.checkBlob(request.getDetails());
            var cancel = engine.interactions()
                    .heartbeatById(
                            request.getNamespace(),
                            request.getWorkflowId(),
                            request.getRunId(),
                            request.getActivityId(),
                            request.getDetails());
            return RecordActivityTaskHeartbeatByIdResponse.newBuilder()
                    .setCancelRequested(cancel)
                    .build();
        });
    }

    @Override
    public void respondActivityTaskCompleted(
            RespondActivityTaskCompletedRequest request,
            StreamObserver<RespondActivityTaskCompletedResponse> observer) {
        Calls.run(observer, () -> {
            Limits.checkBlob(request.getResult());
            engine.interactions().completeActivity(request.getTaskToken(), request.getResult(), request.getIdentity());
            return RespondActivityTaskCompletedResponse.getDefaultInstance();
        });
    }

    @Override
    public void respondActivityTaskCompletedById(
            RespondActivityTaskCompletedByIdRequest request,
            StreamObserver<RespondActivityTaskCompletedByIdResponse> observer) {
        Calls.run(observer, () -> {
            Limits.checkBlob(request.getResult());
            engine.interactions()
                    .completeActivityById(
                            request.getNamespace(),
                            request.getWorkflowId(),
                            request.getRunId(),
                            request.getActivityId(),
                            request.getResult(),
                            request.getIdentity());
            return RespondActivityTaskCompletedByIdResponse.getDefaultInstance();
        });
    }

    @Override
    public void respondActivityTaskFailed(
            RespondActivityTaskFailedRequest request, StreamObserver<RespondActivityTaskFailedResponse> observer) {
        Calls.run(observer, () -> {
            engine.interactions()
                    .failActivity(
                            request.getTaskToken(),
                            request.getFailure(),
                            request.getLastHeartbeatDetails(),
                            request.getIdentity());
            return RespondActivityTaskFailedResponse.getDefaultInstance();
        });
    }

    @Override
    public void respondActivityTaskFailedById(
            RespondActivityTaskFailedByIdRequest request,
            StreamObserver<RespondActivityTaskFailedByIdResponse> observer) {
        Calls.run(observer, () -> {
            engine.interactions()
                    .failActivityById(
                            request.getNamespace(),
                            request.getWorkflowId(),
                            request.getRunId(),
                            request.getActivityId(),
                            request.getFailure(),
                            request.getLastHeartbeatDetails(),
                            request.getIdentity());
            return RespondActivityTaskFailedByIdResponse.getDefaultInstance();
        });
    }

    @Override
    public void respondActivityTaskCanceled(
            RespondActivityTaskCanceledRequest request, StreamObserver<RespondActivityTaskCanceledResponse> observer) {
        Calls.run(observer, () -> {
            engine.interactions().cancelActivity(request.getTaskToken(), request.getDetails(), request.getIdentity());
            return RespondActivityTaskCanceledResponse.getDefaultInstance();
        });
    }

    @Override
    public void respondActivityTaskCanceledById(
            RespondActivityTaskCanceledByIdRequest request,
            StreamObserver<RespondActivityTaskCanceledByIdResponse> observer) {
        Calls.run(observer, () -> {
            engine.interactions()
                    .cancelActivityById(
                            request.getNamespace(),
                            request.getWorkflowId(),
                            request.getRunId(),
                            request.getActivityId(),
                            request.getDetails(),
                            request.getIdentity());
            return RespondActivityTaskCanceledByIdResponse.getDefaultInstance();
        });
    }

    @Override
    public void signalWorkflowExecution(
            SignalWorkflowExecutionRequest request, StreamObserver<SignalWorkflowExecutionResponse> observer) {
        Calls.run(observer, () -> {
            Limits.checkBlob(request.getInput());
            engine.interactions().signal(request);
            return SignalWorkflowExecutionResponse.getDefaultInstance();
        });
    }

    @Override
    public void requestCancelWorkflowExecution(
            RequestCancelWorkflowExecutionRequest request,
            StreamObserver<RequestCancelWorkflowExecutionResponse> observer) {
        Calls.run(observer, () -> {
            engine.interactions().requestCancel(request);
            return RequestCancelWorkflowExecutionResponse.getDefaultInstance();
        });
    }

    @Override
    public void terminateWorkflowExecution(
            TerminateWorkflowExecutionRequest request, StreamObserver<TerminateWorkflowExecutionResponse> observer) {
        Calls.run(observer, () -> {
            engine.interactions().terminate(request);
            return TerminateWorkflowExecutionResponse.getDefaultInstance();
        });
    }

    @Override
    public void getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest request, StreamObserver<GetWorkflowExecutionHistoryResponse> observer) {
        var budget = request.getWaitNewEvent() ? Calls.pollBudget(HISTORY_POLL_MILLIS) : 0;
        Calls.run(observer, () -> engine.history(request, budget));
    }

    @Override
    public void getWorkflowExecutionHistoryReverse(
            GetWorkflowExecutionHistoryReverseRequest request,
            StreamObserver<GetWorkflowExecutionHistoryReverseResponse> observer) {
        Calls.run(observer, () -> engine.historyReverse(request));
    }

    @Override
    public void describeWorkflowExecution(
            DescribeWorkflowExecutionRequest request, StreamObserver<DescribeWorkflowExecutionResponse> observer) {
        Calls.run(observer, () -> engine.describe(request));
    }

    @Override
    public void queryWorkflow(QueryWorkflowRequest request, StreamObserver<QueryWorkflowResponse> observer) {
        var budget = Calls.pollBudget(POLL_MILLIS);
        Calls.run(observer, () -> engine.query(request, budget));
    }

    @Override
    public void respondQueryTaskCompleted(
            RespondQueryTaskCompletedRequest request, StreamObserver<RespondQueryTaskCompletedResponse> observer) {
        Calls.run(observer, () -> {
            engine.respondQueryTaskCompleted(request);
            return RespondQueryTaskCompletedResponse.getDefaultInstance();
        });
    }

    @Override
    public void resetStickyTaskQueue(
            ResetStickyTaskQueueRequest request, StreamObserver<ResetStickyTaskQueueResponse> observer) {
        Calls.run(observer, () -> {
            engine.resetStickyTaskQueue(request.getNamespace(), request.getExecution());
            return ResetStickyTaskQueueResponse.getDefaultInstance();
        });
    }

    @Override
    public void shutdownWorker(ShutdownWorkerRequest request, StreamObserver<ShutdownWorkerResponse> observer) {
        Calls.run(observer, () -> ShutdownWorkerResponse.getDefaultInstance());
    }
}
