package io.junction.temporal.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignalQueryTimerTest {
    private final JunctionTemporal temporal = new JunctionTemporal();

    @AfterEach
    void close() {
        temporal.close();
    }

    @WorkflowInterface
    public interface OrderStatusWorkflow {
        @WorkflowMethod
        List<String> run(int expectedItems);

        @SignalMethod
        void addItem(String item);

        @QueryMethod
        String status();
    }

    public static class OrderStatusWorkflowImpl implements OrderStatusWorkflow {
        private final List<String> items = new ArrayList<>();
        private String status = "waiting";

        @Override
        public List<String> run(int expectedItems) {
            Workflow.await(() -> items.size() >= expectedItems);
            status = "sleeping";
            Workflow.sleep(Duration.ofMillis(1500));
            status = "done";
            return items;
        }

        @Override
        public void addItem(String item) {
            items.add(item);
            status = "have " + items.size();
        }

        @Override
        public String status() {
            return status;
        }
    }

    @Test
    void signalsReachTheWorkflowQueriesSeeItsStateAndTheTimerFires() {
        var queue = temporal.taskQueue();
        var worker = temporal.workers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(OrderStatusWorkflowImpl.class);
        temporal.workers.start();
        var workflow = temporal.client.newWorkflowStub(
                OrderStatusWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("status-1")
                        .build());

        WorkflowClient.start(workflow::run, 2);
        assertThat(workflow.status()).isEqualTo("waiting");
        workflow.addItem("apple");
        await().untilAsserted(() -> assertThat(workflow.status()).isEqualTo("have 1"));
        workflow.addItem("pear");
        await().untilAsserted(() -> assertThat(workflow.status()).isEqualTo("sleeping"));
        var started = System.nanoTime();
        var result = temporal.client.newUntypedWorkflowStub("status-1").getResult(List.class);

        assertThat(result).containsExactly("apple", "pear");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(workflow.status()).isEqualTo("done");
    }
}
