package io.junction.temporal.service;

import io.grpc.stub.StreamObserver;
import io.junction.temporal.visibility.SearchAttributeRegistry;
import io.junction.temporal.workflow.WorkflowEngine;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.operatorservice.v1.RemoveSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.RemoveSearchAttributesResponse;

/** Temporal's OperatorService: custom search attributes per namespace. */
final class OperatorService extends OperatorServiceGrpc.OperatorServiceImplBase {
    private final WorkflowEngine engine;

    OperatorService(WorkflowEngine engine) {
        this.engine = engine;
    }

    @Override
    public void addSearchAttributes(
            AddSearchAttributesRequest request, StreamObserver<AddSearchAttributesResponse> observer) {
        Calls.run(observer, () -> {
            engine.namespaces()
                    .addSearchAttributes(namespace(request.getNamespace()), request.getSearchAttributesMap());
            return AddSearchAttributesResponse.getDefaultInstance();
        });
    }

    @Override
    public void removeSearchAttributes(
            RemoveSearchAttributesRequest request, StreamObserver<RemoveSearchAttributesResponse> observer) {
        Calls.run(observer, () -> {
            engine.namespaces()
                    .removeSearchAttributes(namespace(request.getNamespace()), request.getSearchAttributesList());
            return RemoveSearchAttributesResponse.getDefaultInstance();
        });
    }

    @Override
    public void listSearchAttributes(
            ListSearchAttributesRequest request, StreamObserver<ListSearchAttributesResponse> observer) {
        Calls.run(observer, () -> ListSearchAttributesResponse.newBuilder()
                .putAllCustomAttributes(engine.namespaces()
                        .registry(namespace(request.getNamespace()))
                        .custom())
                .putAllSystemAttributes(SearchAttributeRegistry.system())
                .putStorageSchema("store", engine.storeName())
                .build());
    }

    /** The operator CLI may leave the namespace out; Temporal then means {@code default}. */
    private static String namespace(String requested) {
        return requested.isEmpty() ? io.junction.temporal.namespace.Namespaces.DEFAULT : requested;
    }
}
