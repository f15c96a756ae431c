package io.junction.temporal.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Queries see every signal sent before them, as Temporal guarantees: a query that arrives while a workflow task is
 * in flight rides on a workflow task after the signal instead of racing it as a query task.
 */
class ConsistentQueryTest {
    private final JunctionTemporal temporal = new JunctionTemporal();

    @AfterEach
    void close() {
        temporal.close();
    }

    @WorkflowInterface
    public interface CounterWorkflow {
        @WorkflowMethod
        int run();

        @SignalMethod
        void add(int amount);

        @SignalMethod
        void breakQueries(boolean broken);

        @SignalMethod
        void finish();

        @QueryMethod
        int count();
    }

    /**
     * Ticks every few milliseconds and spends a while on each tick, so a workflow task is nearly always in flight
     * when a signal or query arrives: signals are then buffered behind the started task.
     */
    public static class TickingCounterWorkflow implements CounterWorkflow {
        private int count;
        private boolean broken;
        private boolean finished;

        @Override
        public int run() {
            while (!finished) {
                Workflow.sleep(Duration.ofMillis(10));
                if (!Workflow.isReplaying()) {
                    busyFor(Duration.ofMillis(100));
                }
            }
            return count;
        }

        /** Work inside the workflow task, well under the SDK's one-second deadlock detection. */
        private static void busyFor(Duration duration) {
            var end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void add(int amount) {
            count += amount;
        }

        @Override
        public void breakQueries(boolean broken) {
            this.broken = broken;
        }

        @Override
        public void finish() {
            finished = true;
        }

        @Override
        public int count() {
            if (broken) {
                throw new IllegalStateException("count is broken");
            }
            return count;
        }
    }

    /** A workflow that sets its state and then waits on a long timer, so it has no workflow task in flight. */
    @WorkflowInterface
    public interface SleepingWorkflow {
        @WorkflowMethod
        void run();

        @QueryMethod
        String status();
    }

    public static class SleepingWorkflowImpl implements SleepingWorkflow {
        private String status = "starting";

        @Override
        public void run() {
            status = "sleeping";
            Workflow.sleep(Duration.ofHours(1));
        }

        @Override
        public String status() {
            return status;
        }
    }

    private CounterWorkflow startCounter(String workflowId) {
        var queue = temporal.taskQueue();
        temporal.workers.newWorker(queue).registerWorkflowImplementationTypes(TickingCounterWorkflow.class);
        temporal.workers.start();
        var workflow = temporal.client.newWorkflowStub(
                CounterWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId(workflowId)
                        .build());
        WorkflowClient.start(workflow::run);
        return workflow;
    }

    @Test
    void aQueryRightAfterASignalAlwaysSeesTheSignal() {
        var workflow = startCounter("counter-1");
        assertThat(workflow.count()).isZero();

        for (var i = 1; i <= 20; i++) {
            workflow.add(1);
            assertThat(workflow.count()).as("query after signal %d", i).isEqualTo(i);
        }

        workflow.finish();
        assertThat(temporal.client.newUntypedWorkflowStub("counter-1").getResult(Integer.class))
                .isEqualTo(20);
        assertThat(temporal.server.engine().queryCounts().answeredOnWorkflowTasks())
                .isPositive();
    }

    @Test
    void aQueryThatFailsInWorkflowCodeOnAWorkflowTaskReturnsTheFailureToTheCaller() {
        var workflow = startCounter("counter-2");
        assertThat(workflow.count()).isZero();

        for (var i = 1; i <= 5; i++) {
            workflow.breakQueries(true);
            assertThatThrownBy(workflow::count)
                    .as("query after breaking signal %d", i)
                    .isInstanceOf(WorkflowQueryException.class)
                    .hasStackTraceContaining("count is broken");
            workflow.breakQueries(false);
            assertThat(workflow.count()).isZero();
        }

        workflow.finish();
        assertThat(temporal.server.engine().queryCounts().answeredOnWorkflowTasks())
                .isPositive();
    }

    @Test
    void concurrentQueriesAreAllAnsweredThoughTheServerBuffersOneAtATime() {
        var workflow = startCounter("counter-3");
        workflow.add(7);

        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            var queries = IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(workflow::count, callers))
                    .toList();

            assertThat(queries)
                    .allSatisfy(q -> assertThat(q.get(30, TimeUnit.SECONDS)).isEqualTo(7));
        }
        workflow.finish();
    }

    @Test
    void aQueryToAWorkflowWaitingOnATimerGoesAsAQueryTask() {
        var queue = temporal.taskQueue();
        temporal.workers.newWorker(queue).registerWorkflowImplementationTypes(SleepingWorkflowImpl.class);
        temporal.workers.start();
        var workflow = temporal.client.newWorkflowStub(
                SleepingWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("sleeper-1")
                        .build());
        WorkflowClient.start(workflow::run);

        var status = workflow.status();

        assertThat(status).isEqualTo("sleeping");
        var counts = temporal.server.engine().queryCounts();
        assertThat(counts.queryTasks()).isEqualTo(1);
        assertThat(counts.answeredOnWorkflowTasks()).isZero();
    }
}
