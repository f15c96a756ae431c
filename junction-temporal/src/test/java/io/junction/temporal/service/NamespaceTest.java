package io.junction.temporal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Durations;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.namespace.v1.UpdateNamespaceInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.UpdateNamespaceRequest;
import org.junit.jupiter.api.Test;

class NamespaceTest extends GrpcServerTest {
    @Test
    void defaultExistsAndRegisteredNamespacesAreDescribedListedUpdatedAndKeptAcrossRestarts() throws Exception {
        assertThat(describe("default").getNamespaceInfo().getState().name()).isEqualTo("NAMESPACE_STATE_REGISTERED");

        stub.registerNamespace(RegisterNamespaceRequest.newBuilder()
                .setNamespace("orders")
                .setDescription("order processing")
                .setWorkflowExecutionRetentionPeriod(Durations.fromDays(3))
                .build());
        stub.updateNamespace(UpdateNamespaceRequest.newBuilder()
                .setNamespace("orders")
                .setUpdateInfo(UpdateNamespaceInfo.newBuilder().setDescription("orders, v2"))
                .build());
        stop();
        start();

        var orders = describe("orders");
        assertThat(orders.getNamespaceInfo().getDescription()).isEqualTo("orders, v2");
        assertThat(orders.getConfig().getWorkflowExecutionRetentionTtl()).isEqualTo(Durations.fromDays(3));
        assertThat(stub.listNamespaces(ListNamespacesRequest.getDefaultInstance())
                        .getNamespacesList())
                .extracting(n -> n.getNamespaceInfo().getName())
                .containsExactly("default", "orders");
        assertThatThrownBy(() -> stub.registerNamespace(RegisterNamespaceRequest.newBuilder()
                        .setNamespace("orders")
                        .build()))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessage("ALREADY_EXISTS: Namespace already exists.");
    }

    @Test
    void closedRunsAreDeletedOnceTheirRetentionHasPassed() throws Exception {
        stub.registerNamespace(RegisterNamespaceRequest.newBuilder()
                .setNamespace("brief")
                .setWorkflowExecutionRetentionPeriod(Durations.fromMillis(200))
                .build());
        stub.startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
                .setNamespace("brief")
                .setWorkflowId("short-lived")
                .setWorkflowType(WorkflowType.newBuilder().setName("W"))
                .setTaskQueue(TaskQueue.newBuilder().setName("q"))
                .setRequestId("r1")
                .build());
        var execution =
                WorkflowExecution.newBuilder().setWorkflowId("short-lived").build();
        stub.terminateWorkflowExecution(TerminateWorkflowExecutionRequest.newBuilder()
                .setNamespace("brief")
                .setWorkflowExecution(execution)
                .build());
        var describe = DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("brief")
                .setExecution(execution)
                .build();
        server.engine().sweepRetention();
        assertThat(stub.describeWorkflowExecution(describe)
                        .getWorkflowExecutionInfo()
                        .getStatus()
                        .name())
                .isEqualTo("WORKFLOW_EXECUTION_STATUS_TERMINATED");

        Thread.sleep(300);
        server.engine().sweepRetention();

        assertThatThrownBy(() -> stub.describeWorkflowExecution(describe))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageStartingWith("NOT_FOUND");
    }

    private io.temporal.api.workflowservice.v1.DescribeNamespaceResponse describe(String name) {
        return stub.describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace(name).build());
    }
}
