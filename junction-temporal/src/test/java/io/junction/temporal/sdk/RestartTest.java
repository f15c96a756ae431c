package io.junction.temporal.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestartTest {
    private final JunctionTemporal temporal = new JunctionTemporal();

    @AfterEach
    void close() {
        temporal.close();
    }

    @WorkflowInterface
    public interface NapWorkflow {
        @WorkflowMethod
        String run(String name);
    }

    @ActivityInterface
    public interface Greeter {
        String greet(String name);
    }

    public static class NapWorkflowImpl implements NapWorkflow {
        private final Greeter greeter = Workflow.newActivityStub(
                Greeter.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(5))
                        .build());

        @Override
        public String run(String name) {
            Workflow.sleep(Duration.ofSeconds(2));
            return greeter.greet(name);
        }
    }

    static final class CountingGreeter implements Greeter {
        final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public String greet(String name) {
            calls.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            return "hello " + name;
        }
    }

    @Test
    void workflowsSleepingWhenTheServerStopsCompleteOnceAfterItRestarts() {
        var queue = temporal.taskQueue();
        var before = new CountingGreeter();
        startWorker(queue, before);
        for (var i = 0; i < 5; i++) {
            var workflow = temporal.client.newWorkflowStub(
                    NapWorkflow.class,
                    WorkflowOptions.newBuilder()
                            .setTaskQueue(queue)
                            .setWorkflowId("nap-" + i)
                            .build());
            WorkflowClient.start(workflow::run, "n" + i);
        }
        org.awaitility.Awaitility.await().until(() -> temporal.client.fetchHistory("nap-4").getEvents().stream()
                .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED));

        temporal.stop();
        temporal.start();
        var greeter = new CountingGreeter();
        startWorker(queue, greeter);

        for (var i = 0; i < 5; i++) {
            var result = temporal.client.newUntypedWorkflowStub("nap-" + i).getResult(String.class);
            assertThat(result).isEqualTo("hello n" + i);
            var completions = temporal.client.fetchHistory("nap-" + i).getEvents().stream()
                    .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)
                    .count();
            assertThat(completions).isEqualTo(1);
        }
        var greeted = new java.util.HashSet<>(before.calls.keySet());
        greeted.addAll(greeter.calls.keySet());
        assertThat(greeted).hasSize(5);
        assertThat(greeter.calls).isNotEmpty();
    }

    private void startWorker(String queue, Greeter greeter) {
        var worker = temporal.workers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(NapWorkflowImpl.class);
        worker.registerActivitiesImplementations(greeter);
        temporal.workers.start();
    }
}
