package io.junction.temporal.service;

import io.grpc.stub.StreamObserver;
import io.junction.temporal.workflow.WorkflowEngine;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.GetSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetSearchAttributesResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsResponse;

/** ListWorkflowExecutions, CountWorkflowExecutions and ScanWorkflowExecutions over the visibility rows. */
class VisibilityService extends WorkflowService {
    VisibilityService(WorkflowEngine engine) {
        super(engine);
    }

    @Override
    public void listWorkflowExecutions(
            ListWorkflowExecutionsRequest request, StreamObserver<ListWorkflowExecutionsResponse> observer) {
        Calls.run(observer, () -> {
            var page = engine.visibility()
                    .list(
                            request.getNamespace(),
                            request.getQuery(),
                            request.getPageSize(),
                            request.getNextPageToken());
            return ListWorkflowExecutionsResponse.newBuilder()
                    .addAllExecutions(page.executions())
                    .setNextPageToken(page.nextPageToken())
                    .build();
        });
    }

    @Override
    public void scanWorkflowExecutions(
            ScanWorkflowExecutionsRequest request, StreamObserver<ScanWorkflowExecutionsResponse> observer) {
        Calls.run(observer, () -> {
            var page = engine.visibility()
                    .list(
                            request.getNamespace(),
                            request.getQuery(),
                            request.getPageSize(),
                            request.getNextPageToken());
            return ScanWorkflowExecutionsResponse.newBuilder()
                    .addAllExecutions(page.executions())
                    .setNextPageToken(page.nextPageToken())
                    .build();
        });
    }

    @Override
    public void countWorkflowExecutions(
            CountWorkflowExecutionsRequest request, StreamObserver<CountWorkflowExecutionsResponse> observer) {
        Calls.run(observer, () -> engine.visibility().count(request.getNamespace(), request.getQuery()));
    }

    @Override
    public void getSearchAttributes(
            GetSearchAttributesRequest request, StreamObserver<GetSearchAttributesResponse> observer) {
        Calls.run(observer, () -> {
            var registry = engine.namespaces().registry(io.junction.temporal.namespace.Namespaces.DEFAULT);
            return GetSearchAttributesResponse.newBuilder()
                    .putAllKeys(io.junction.temporal.visibility.SearchAttributeRegistry.system())
                    .putAllKeys(registry.custom())
                    .build();
        });
    }
}
