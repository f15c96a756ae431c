package io.junction.temporal.service;

import io.grpc.stub.StreamObserver;
import io.junction.temporal.workflow.EngineException;
import io.junction.temporal.workflow.WorkflowEngine;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsResponse;
import java.util.List;
import java.util.function.Predicate;

/** ListWorkflowExecutions, CountWorkflowExecutions and ScanWorkflowExecutions over the visibility rows. */
class VisibilityService extends WorkflowService {
    VisibilityService(WorkflowEngine engine) {
        super(engine);
    }

    @Override
    public void listWorkflowExecutions(
            ListWorkflowExecutionsRequest request, StreamObserver<ListWorkflowExecutionsResponse> observer) {
        Calls.run(observer, () -> {
            var matching = engine.visibility().list(request.getNamespace(), filter(request.getQuery()));
            return ListWorkflowExecutionsResponse.newBuilder()
                    .addAllExecutions(matching)
                    .build();
        });
    }

    @Override
    public void scanWorkflowExecutions(
            ScanWorkflowExecutionsRequest request, StreamObserver<ScanWorkflowExecutionsResponse> observer) {
        Calls.run(observer, () -> {
            var matching = engine.visibility().list(request.getNamespace(), filter(request.getQuery()));
            return ScanWorkflowExecutionsResponse.newBuilder()
                    .addAllExecutions(matching)
                    .build();
        });
    }

    @Override
    public void countWorkflowExecutions(
            CountWorkflowExecutionsRequest request, StreamObserver<CountWorkflowExecutionsResponse> observer) {
        Calls.run(observer, () -> {
            List<WorkflowExecutionInfo> matching =
                    engine.visibility().list(request.getNamespace(), filter(request.getQuery()));
            return CountWorkflowExecutionsResponse.newBuilder()
                    .setCount(matching.size())
                    .build();
        });
    }

    private static Predicate<WorkflowExecutionInfo> filter(String query) {
        if (query.isBlank()) {
            return info -> true;
        }
        throw EngineException.invalidArgument("invalid query: list filters are not supported yet");
    }
}
