package io.junction.temporal.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChildAndContinueAsNewTest {
    private final JunctionTemporal temporal = new JunctionTemporal();

    @AfterEach
    void close() {
        temporal.close();
    }

    @WorkflowInterface
    public interface ParentWorkflow {
        @WorkflowMethod
        int sumOfSquares(int upTo);
    }

    @WorkflowInterface
    public interface SquareWorkflow {
        @WorkflowMethod
        int square(int value);
    }

    @WorkflowInterface
    public interface CounterWorkflow {
        @WorkflowMethod
        int count(int from, int to);
    }

    public static class ParentWorkflowImpl implements ParentWorkflow {
        @Override
        public int sumOfSquares(int upTo) {
            var results = new ArrayList<Promise<Integer>>();
            for (var i = 1; i <= upTo; i++) {
                var child = Workflow.newChildWorkflowStub(
                        SquareWorkflow.class,
                        ChildWorkflowOptions.newBuilder()
                                .setWorkflowId(Workflow.getInfo().getWorkflowId() + "-child-" + i)
                                .build());
                results.add(Async.function(child::square, i));
            }
            return results.stream().mapToInt(Promise::get).sum();
        }
    }

    @WorkflowInterface
    public interface Abandoning {
        @WorkflowMethod
        String run();
    }

    public static class AbandoningImpl implements Abandoning {
        @Override
        public String run() {
            var child = Workflow.newChildWorkflowStub(
                    CounterWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                            .setWorkflowId("sleepy-child")
                            .setParentClosePolicy(
                                    io.temporal.api.enums.v1.ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                            .build());
            Async.function(child::count, 0, 1_000_000);
            Workflow.getWorkflowExecution(child).get();
            return "parent done";
        }
    }

    public static class SquareWorkflowImpl implements SquareWorkflow {
        @Override
        public int square(int value) {
            return value * value;
        }
    }

    public static class CounterWorkflowImpl implements CounterWorkflow {
        @Override
        public int count(int from, int to) {
            if (from >= to) {
                return from;
            }
            return Workflow.newContinueAsNewStub(CounterWorkflow.class).count(from + 1, to);
        }
    }

    @Test
    void childWorkflowsRunAndReturnTheirResultsToTheParent() {
        var queue = temporal.taskQueue();
        var worker = temporal.workers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(ParentWorkflowImpl.class, SquareWorkflowImpl.class);
        temporal.workers.start();
        var parent = temporal.client.newWorkflowStub(
                ParentWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("parent-1")
                        .build());

        var sum = parent.sumOfSquares(4);

        assertThat(sum).isEqualTo(1 + 4 + 9 + 16);
        var history = temporal.client.fetchHistory("parent-1").getEvents();
        assertThat(history.stream()
                        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED))
                .hasSize(4);
        assertThat(temporal.client
                        .fetchHistory("parent-1-child-3")
                        .getLastEvent()
                        .getEventType())
                .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    }

    @Test
    void aChildWithTheTerminatePolicyIsTerminatedWhenItsParentCloses() {
        var queue = temporal.taskQueue();
        var worker = temporal.workers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(AbandoningImpl.class, SlowCounterImpl.class);
        temporal.workers.start();

        var result = temporal.client
                .newWorkflowStub(
                        Abandoning.class,
                        WorkflowOptions.newBuilder().setTaskQueue(queue).build())
                .run();

        assertThat(result).isEqualTo("parent done");
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(WorkflowStubs.status(temporal, "sleepy-child"))
                .isEqualTo(io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED));
    }

    public static class SlowCounterImpl implements CounterWorkflow {
        @Override
        public int count(int from, int to) {
            Workflow.sleep(java.time.Duration.ofMinutes(10));
            return to;
        }
    }

    @Test
    void continueAsNewStartsFreshRunsUntilTheLastOneReturns() {
        var queue = temporal.taskQueue();
        var worker = temporal.workers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(CounterWorkflowImpl.class);
        temporal.workers.start();
        var counter = temporal.client.newWorkflowStub(
                CounterWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("counter-1")
                        .build());

        var result = counter.count(0, 5);

        assertThat(result).isEqualTo(5);
        var lastRun = temporal.client.fetchHistory("counter-1");
        assertThat(lastRun.getEvents()
                        .get(0)
                        .getWorkflowExecutionStartedEventAttributes()
                        .getContinuedExecutionRunId())
                .isNotEmpty();
        assertThat(lastRun.getLastEvent().getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    }
}
