package io.junction.temporal.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderWorkflowTest {
    private final JunctionTemporal temporal = new JunctionTemporal();

    @AfterEach
    void close() {
        temporal.close();
    }

    @WorkflowInterface
    public interface OrderWorkflow {
        @WorkflowMethod
        String process(String orderId);
    }

    @ActivityInterface
    public interface OrderActivities {
        String charge(String orderId);

        void sendConfirmation(String orderId, String receipt);
    }

    public static class OrderWorkflowImpl implements OrderWorkflow {
        private final OrderActivities activities = Workflow.newActivityStub(
                OrderActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(10))
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofMillis(100))
                                .setMaximumAttempts(3)
                                .build())
                        .build());

        @Override
        public String process(String orderId) {
            var receipt = activities.charge(orderId);
            activities.sendConfirmation(orderId, receipt);
            return "done:" + receipt;
        }
    }

    static final class FlakyPayments implements OrderActivities {
        final AtomicInteger attempts = new AtomicInteger();
        final List<String> emails = new CopyOnWriteArrayList<>();

        @Override
        public String charge(String orderId) {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("payment gateway unavailable");
            }
            return "receipt-" + orderId;
        }

        @Override
        public void sendConfirmation(String orderId, String receipt) {
            emails.add(orderId + ":" + receipt);
        }
    }

    @Test
    void paymentThatFailsTwiceSucceedsOnItsThirdAttemptThenConfirms() {
        var queue = temporal.taskQueue();
        var worker = temporal.workers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        var payments = new FlakyPayments();
        worker.registerActivitiesImplementations(payments);
        temporal.workers.start();

        var workflow = temporal.client.newWorkflowStub(
                OrderWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("order-1")
                        .build());
        var result = workflow.process("order-1");

        assertThat(result).isEqualTo("done:receipt-order-1");
        assertThat(payments.attempts).hasValue(3);
        assertThat(payments.emails).containsExactly("order-1:receipt-order-1");
    }
}
