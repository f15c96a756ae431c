package io.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code junction server} killed with SIGKILL while workflows sleep on timers and activities run in a worker in this
 * JVM, then restarted on the same store directory and port: every workflow completes once, with the right result.
 */
class TemporalKillTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WORKFLOWS = 10;
    private static final int SLOW_MILLIS = 3_000;
    private static final String TASK_QUEUE = "naps";

    @TempDir
    Path storeDir;

    @WorkflowInterface
    public interface NapWorkflow {
        @WorkflowMethod
        String run(int number, int sleepSeconds, int workMillis);
    }

    @ActivityInterface
    public interface Work {
        int square(int number, int millis);
    }

    public static class NapWorkflowImpl implements NapWorkflow {
        private final Work work = Workflow.newActivityStub(
                Work.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(10))
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofMillis(500))
                                .build())
                        .build());

        @Override
        public String run(int number, int sleepSeconds, int workMillis) {
            Workflow.sleep(Duration.ofSeconds(sleepSeconds));
            return "nap-" + number + "=" + work.square(number, workMillis);
        }
    }

    /** Counts the executions that started and that completed, per workflow number. */
    static final class CountingWork implements Work {
        final Map<Integer, AtomicInteger> started = new ConcurrentHashMap<>();
        final Map<Integer, AtomicInteger> completed = new ConcurrentHashMap<>();

        @Override
        public int square(int number, int millis) {
            started.computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            completed.computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
            return number * number;
        }

        boolean running() {
            return started.entrySet().stream()
                    .anyMatch(entry -> entry.getValue().get()
                            > completed
                                    .getOrDefault(entry.getKey(), new AtomicInteger())
                                    .get());
        }
    }

    @Test
    void completesEveryWorkflowOnceWithItsResultAfterAKillDuringTimersAndActivities() throws Exception {
        var port = ServerProcess.freePort();
        var work = new CountingWork();
        WorkflowServiceStubs service = null;
        WorkerFactory workers = null;
        try (var first = startServer(port)) {
            assertThat(first.process().info().command())
                    .hasValueSatisfying(command ->
                            assertThat(Path.of(command).getFileName()).hasToString("java"));
            service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget("127.0.0.1:" + port)
                    .build());
            var client = WorkflowClient.newInstance(
                    service,
                    WorkflowClientOptions.newBuilder().setNamespace("default").build());
            workers = WorkerFactory.newInstance(client);
            var worker = workers.newWorker(TASK_QUEUE);
            worker.registerWorkflowImplementationTypes(NapWorkflowImpl.class);
            worker.registerActivitiesImplementations(work);
            workers.start();
            for (var number = 0; number < WORKFLOWS; number++) {
                var workflow = client.newWorkflowStub(
                        NapWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue(TASK_QUEUE)
                                .setWorkflowId(workflowId(number))
                                .build());
                WorkflowClient.start(workflow::run, number, sleepSeconds(number), workMillis(number));
            }
            await().atMost(WAIT).until(() -> work.started.containsKey(0));
            var activityRunning = work.running();
            var activitiesStarted = work.started.size();

            first.process().destroyForcibly();
            assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(activityRunning).as("an activity runs at the kill").isTrue();
            assertThat(activitiesStarted)
                    .as("some workflows still sleep at the kill")
                    .isLessThan(WORKFLOWS);
            // Down long enough for the two-second timers to come due while nothing serves them.
            Thread.sleep(1_500);

            try (var second = startServer(port)) {
                var histories = IntStream.range(0, WORKFLOWS)
                        .mapToObj(number -> awaitResult(client, number))
                        .toList();

                assertThat(storeDir.resolve(TemporalSettings.DATABASE_FILE)).isRegularFile();
                for (var number = 0; number < WORKFLOWS; number++) {
                    assertCompletedOnce(histories.get(number), number);
                    assertThat(work.completed.get(number))
                            .as("completed executions of workflow %d's activity", number)
                            .isNotNull()
                            .hasValueGreaterThanOrEqualTo(1);
                }
                assertThat(second.log()).noneMatch(line -> line.contains("[ERR]"));
            }
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
            if (service != null) {
                service.shutdownNow();
            }
        }
    }

    private static List<HistoryEvent> awaitResult(WorkflowClient client, int number) {
        var stub = client.newUntypedWorkflowStub(workflowId(number));
        try {
            assertThat(stub.getResult(WAIT.toSeconds(), TimeUnit.SECONDS, String.class))
                    .isEqualTo("nap-" + number + "=" + number * number);
        } catch (TimeoutException e) {
            throw new AssertionError("workflow " + number + " did not complete", e);
        }
        return client.fetchHistory(workflowId(number)).getEvents();
    }

    private static void assertCompletedOnce(List<HistoryEvent> events, int number) {
        var context = "history of workflow " + number;
        assertThat(events)
                .as(context)
                .extracting(HistoryEvent::getEventId)
                .isEqualTo(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.getLast().getEventType())
                .as(context)
                .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
        assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED))
                .as(context)
                .isOne();
        assertThat(count(events, EventType.EVENT_TYPE_TIMER_FIRED)).as(context).isOne();
        assertThat(count(events, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED))
                .as(context)
                .isOne();
    }

    private static long count(List<HistoryEvent> events, EventType type) {
        return events.stream().filter(event -> event.getEventType() == type).count();
    }

    private ServerProcess startServer(int port) throws Exception {
        var server = ServerProcess.start(
                "server", "-a", "127.0.0.1", "-p", "-1", "-sd", storeDir.toString(), "--temporal_port", "" + port);
        server.awaitTemporalListening(WAIT);
        server.awaitListening(WAIT);
        return server;
    }

    /** Workflows sleep 1 to 4 seconds; the even ones then run a slow activity, the odd ones a quick one. */
    private static int sleepSeconds(int number) {
        return 1 + number % 4;
    }

    private static int workMillis(int number) {
        return number % 2 == 0 ? SLOW_MILLIS : 100;
    }

    private static String workflowId(int number) {
        return "nap-" + number;
    }
}
