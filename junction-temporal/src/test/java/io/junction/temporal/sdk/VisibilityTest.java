package io.junction.temporal.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VisibilityTest {
    private static final SearchAttributeKey<String> CUSTOMER = SearchAttributeKey.forKeyword("CustomerId");
    private static final SearchAttributeKey<Long> STAGE = SearchAttributeKey.forLong("Stage");

    private final JunctionTemporal temporal = new JunctionTemporal();

    @AfterEach
    void close() {
        temporal.close();
    }

    @WorkflowInterface
    public interface OrderWorkflow {
        @WorkflowMethod
        void run(boolean waitForSignal);

        @SignalMethod
        void finish();
    }

    public static class OrderWorkflowImpl implements OrderWorkflow {
        private boolean finished;

        @Override
        public void run(boolean waitForSignal) {
            Workflow.getVersion("stage-tracking", Workflow.DEFAULT_VERSION, 1);
            Workflow.upsertTypedSearchAttributes(STAGE.valueSet(2L));
            if (waitForSignal) {
                Workflow.await(() -> finished);
            }
        }

        @Override
        public void finish() {
            finished = true;
        }
    }

    @Test
    void listAndCountFilterOnTypeStatusAndCustomAttributes() {
        var operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(temporal.service.getRawChannel())
                .validateAndBuildWithDefaults());
        operator.blockingStub()
                .addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                        .setNamespace("default")
                        .putSearchAttributes("CustomerId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                        .putSearchAttributes("Stage", IndexedValueType.INDEXED_VALUE_TYPE_INT)
                        .build());
        var queue = temporal.taskQueue();
        var worker = temporal.workers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(
                io.temporal.worker.WorkflowImplementationOptions.newBuilder()
                        .setEnableUpsertVersionSearchAttributes(true)
                        .build(),
                OrderWorkflowImpl.class);
        temporal.workers.start();

        for (var i = 0; i < 4; i++) {
            var workflow = temporal.client.newWorkflowStub(
                    OrderWorkflow.class,
                    WorkflowOptions.newBuilder()
                            .setTaskQueue(queue)
                            .setWorkflowId("order-" + i)
                            .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                    .set(CUSTOMER, i % 2 == 0 ? "acme" : "globex")
                                    .build())
                            .build());
            WorkflowClient.start(workflow::run, i < 2);
        }
        temporal.client.newUntypedWorkflowStub("order-2").getResult(Void.class);
        temporal.client.newUntypedWorkflowStub("order-3").getResult(Void.class);

        await().untilAsserted(() -> assertThat(ids("WorkflowType = 'OrderWorkflow' AND ExecutionStatus = 'Running'"))
                .containsExactlyInAnyOrder("order-0", "order-1"));
        assertThat(ids("CustomerId = 'acme' AND ExecutionStatus = 'Completed'")).containsExactly("order-2");
        assertThat(ids("(CustomerId = 'globex' OR WorkflowId = 'order-0') AND Stage >= 2"))
                .containsExactlyInAnyOrder("order-0", "order-1", "order-3");
        assertThat(ids("WorkflowId IN ('order-1', 'order-3') ORDER BY WorkflowId DESC"))
                .containsExactly("order-3", "order-1");
        assertThat(ids("WorkflowId STARTS_WITH 'order-' AND TemporalChangeVersion = 'stage-tracking-1'"))
                .hasSize(4);
        var count = temporal.service
                .blockingStub()
                .countWorkflowExecutions(CountWorkflowExecutionsRequest.newBuilder()
                        .setNamespace("default")
                        .setQuery("ExecutionStatus = 'Running'")
                        .build());
        assertThat(count.getCount()).isEqualTo(2);
        assertThatThrownBy(() -> ids("NoSuchAttribute = 'x'"))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessage("INVALID_ARGUMENT: invalid query: invalid expression: column name 'NoSuchAttribute' is not"
                        + " a valid search attribute");
        operator.shutdownNow();
    }

    private java.util.List<String> ids(String query) {
        return temporal.client
                .listExecutions(query)
                .map(WorkflowExecutionMetadata::getExecution)
                .map(io.temporal.api.common.v1.WorkflowExecution::getWorkflowId)
                .toList();
    }
}
