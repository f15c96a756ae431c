package io.junction.temporal.service;

import io.grpc.stub.StreamObserver;
import io.junction.temporal.workflow.WorkflowEngine;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;

/** Temporal's OperatorService: custom search attributes per namespace. */
final class OperatorService extends OperatorServiceGrpc.OperatorServiceImplBase {
    private final WorkflowEngine engine;

    OperatorService(WorkflowEngine engine) {
        this.engine = engine;
    }

    @Override
    public void listSearchAttributes(
            ListSearchAttributesRequest request, StreamObserver<ListSearchAttributesResponse> observer) {
        Calls.run(observer, () -> ListSearchAttributesResponse.newBuilder()
                .putAllCustomAttributes(engine.namespaces().searchAttributes(request.getNamespace()))
                .build());
    }
}
