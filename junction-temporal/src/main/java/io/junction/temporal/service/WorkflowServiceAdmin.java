package io.junction.temporal.service;

import io.grpc.stub.StreamObserver;
import io.junction.temporal.workflow.WorkflowEngine;
import io.temporal.api.workflowservice.v1.DeprecateNamespaceRequest;
import io.temporal.api.workflowservice.v1.DeprecateNamespaceResponse;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.GetClusterInfoRequest;
import io.temporal.api.workflowservice.v1.GetClusterInfoResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesResponse;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceResponse;
import io.temporal.api.workflowservice.v1.UpdateNamespaceRequest;
import io.temporal.api.workflowservice.v1.UpdateNamespaceResponse;

/** The WorkflowService RPCs about the server and its namespaces, beside the workflow RPCs of the base class. */
final class WorkflowServiceAdmin extends VisibilityService {
    /** The Temporal server version whose API Junction serves, reported by GetSystemInfo and GetClusterInfo. */
    static final String SERVER_VERSION = "1.27.0";

    WorkflowServiceAdmin(WorkflowEngine engine) {
        super(engine);
    }

    @Override
    public void getSystemInfo(GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> observer) {
        Calls.run(observer, () -> GetSystemInfoResponse.newBuilder()
                .setServerVersion(SERVER_VERSION)
                .setCapabilities(GetSystemInfoResponse.Capabilities.newBuilder()
                        .setSignalAndQueryHeader(true)
                        .setInternalErrorDifferentiation(true)
                        .setActivityFailureIncludeHeartbeat(true)
                        .setEncodedFailureAttributes(true)
                        .setUpsertMemo(true)
                        .setSdkMetadata(true)
                        .setCountGroupByExecutionStatus(true))
                .build());
    }

    @Override
    public void getClusterInfo(GetClusterInfoRequest request, StreamObserver<GetClusterInfoResponse> observer) {
        Calls.run(observer, () -> GetClusterInfoResponse.newBuilder()
                .setServerVersion(SERVER_VERSION)
                .setClusterName("active")
                .setClusterId("junction")
                .setHistoryShardCount(1)
                .setPersistenceStore(engine.storeName())
                .setVisibilityStore(engine.storeName())
                .build());
    }

    @Override
    public void registerNamespace(
            RegisterNamespaceRequest request, StreamObserver<RegisterNamespaceResponse> observer) {
        Calls.run(observer, () -> {
            engine.namespaces().register(request);
            return RegisterNamespaceResponse.getDefaultInstance();
        });
    }

    @Override
    public void describeNamespace(
            DescribeNamespaceRequest request, StreamObserver<DescribeNamespaceResponse> observer) {
        Calls.run(observer, () -> engine.namespaces().describe(request.getNamespace()));
    }

    @Override
    public void listNamespaces(ListNamespacesRequest request, StreamObserver<ListNamespacesResponse> observer) {
        Calls.run(observer, () -> ListNamespacesResponse.newBuilder()
                .addAllNamespaces(engine.namespaces().list())
                .build());
    }

    @Override
    public void updateNamespace(UpdateNamespaceRequest request, StreamObserver<UpdateNamespaceResponse> observer) {
        Calls.run(observer, () -> {
            var updated = engine.namespaces().update(request);
            return UpdateNamespaceResponse.newBuilder()
                    .setNamespaceInfo(updated.getNamespaceInfo())
                    .setConfig(updated.getConfig())
                    .setReplicationConfig(updated.getReplicationConfig())
                    .build();
        });
    }

    @Override
    public void deprecateNamespace(
            DeprecateNamespaceRequest request, StreamObserver<DeprecateNamespaceResponse> observer) {
        Calls.run(observer, () -> {
            throw io.junction.temporal.workflow.EngineException.failedPrecondition(
                    "DeprecateNamespace is deprecated; use UpdateNamespace");
        });
    }
}
