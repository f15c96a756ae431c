package io.junction.temporal.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SagaTest {
    private final JunctionTemporal temporal = new JunctionTemporal();

    @AfterEach
    void close() {
        temporal.close();
    }

    @WorkflowInterface
    public interface TripWorkflow {
        @WorkflowMethod
        void book(String orderId);
    }

    @ActivityInterface
    public interface Steps {
        void reserveInventory(String orderId);

        void releaseInventory(String orderId);

        void chargePayment(String orderId);

        void refundPayment(String orderId);

        void ship(String orderId);
    }

    public static class TripWorkflowImpl implements TripWorkflow {
        private final Steps steps = Workflow.newActivityStub(
                Steps.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(5))
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setMaximumAttempts(2)
                                .setInitialInterval(Duration.ofMillis(50))
                                .build())
                        .build());

        @Override
        public void book(String orderId) {
            var saga = new Saga(new Saga.Options.Builder().build());
            try {
                steps.reserveInventory(orderId);
                saga.addCompensation(steps::releaseInventory, orderId);
                steps.chargePayment(orderId);
                saga.addCompensation(steps::refundPayment, orderId);
                steps.ship(orderId);
            } catch (ActivityFailure e) {
                saga.compensate();
                throw e;
            }
        }
    }

    static final class RecordingSteps implements Steps {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void reserveInventory(String orderId) {
            calls.add("reserve");
        }

        @Override
        public void releaseInventory(String orderId) {
            calls.add("release");
        }

        @Override
        public void chargePayment(String orderId) {
            calls.add("charge");
        }

        @Override
        public void refundPayment(String orderId) {
            calls.add("refund");
        }

        @Override
        public void ship(String orderId) {
            calls.add("ship");
            throw ApplicationFailure.newNonRetryableFailure("no courier", "ShippingFailed");
        }
    }

    @Test
    void failedShipmentRunsTheCompensationsInReverseOrder() {
        var queue = temporal.taskQueue();
        var worker = temporal.workers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(TripWorkflowImpl.class);
        var steps = new RecordingSteps();
        worker.registerActivitiesImplementations(steps);
        temporal.workers.start();
        var workflow = temporal.client.newWorkflowStub(
                TripWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).build());

        assertThatThrownBy(() -> workflow.book("order-7"))
                .isInstanceOf(WorkflowFailedException.class)
                .cause()
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("no courier");
        assertThat(steps.calls).containsExactly("reserve", "charge", "ship", "refund", "release");
    }
}
