package io.junction.temporal.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of a server in a child JVM at random moments while clients start workflows and send signals and an
 * in-process worker runs timers and activities; after the last restart every acknowledged start exists and
 * completes, every acknowledged signal arrives exactly once, and every history is contiguous with one close event.
 */
class BreakerKillTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BreakerKillTest.class);
    private static final String QUEUE = "breaker-kill";
    private static final int SIGNALS = 40;

    @TempDir
    Path directory;

    @WorkflowInterface
    public interface Nap {
        @WorkflowMethod
        String run(int number);
    }

    @WorkflowInterface
    public interface Collector {
        @WorkflowMethod
        List<Integer> collect(int expected);

        @SignalMethod
        void add(int value);
    }

    @ActivityInterface
    public interface Work {
        int square(int number);
    }

    public static class NapImpl implements Nap {
        private final Work work = Workflow.newActivityStub(
                Work.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(5))
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofMillis(200))
                                .build())
                        .build());

        @Override
        public String run(int number) {
            Workflow.sleep(Duration.ofMillis(200 + (number % 7) * 150));
            var first = work.square(number);
            Workflow.sleep(Duration.ofMillis(100));
            return number + ":" + (first + work.square(number + 1));
        }
    }

    public static class CollectorImpl implements Collector {
        private final List<Integer> values = new ArrayList<>();

        @Override
        public List<Integer> collect(int expected) {
            Workflow.await(() -> values.size() >= expected);
            Workflow.sleep(Duration.ofMillis(500));
            return values;
        }

        @Override
        public void add(int value) {
            values.add(value);
        }
    }

    static final class SquareWork implements Work {
        @Override
        public int square(int number) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return number * number;
        }
    }

    private Process startServer(int port) throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        var process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xmx256m",
                        ServerMain.class.getName(),
                        String.valueOf(port),
                        "jdbc:sqlite:" + directory.resolve("temporal.db"))
                .redirectErrorStream(true)
                .start();
        var ready = new CountDownLatch(1);
        var reader = new Thread(() -> {
            try (var lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("READY")) {
                        ready.countDown();
                    }
                    if (line.contains("ERROR") || line.contains("Exception")) {
                        LOG.warn("server: {}", line);
                    }
                }
            } catch (java.io.IOException e) {
                // the process died
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(ready.await(60, TimeUnit.SECONDS)).as("server ready").isTrue();
        return process;
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void randomKillsUnderLoadLoseNothingAndRepeatNothing() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var random = new Random(42);
        var server = startServer(port);
        var service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port)
                .setRpcTimeout(Duration.ofSeconds(5))
                .build());
        var client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder().setNamespace("default").build());
        var factory = WorkerFactory.newInstance(client);
        var worker = factory.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(NapImpl.class, CollectorImpl.class);
        worker.registerActivitiesImplementations(new SquareWork());
        factory.start();
        var acked = ConcurrentHashMap.<String>newKeySet();
        var ackedSignals = ConcurrentHashMap.<Integer>newKeySet();
        var stop = new AtomicBoolean();
        var pool = Executors.newFixedThreadPool(6);
        try {
            var collector = client.newWorkflowStub(
                    Collector.class,
                    WorkflowOptions.newBuilder()
                            .setTaskQueue(QUEUE)
                            .setWorkflowId("collector")
                            .build());
            WorkflowClient.start(collector::collect, SIGNALS);
            for (var t = 0; t < 3; t++) {
                var thread = t;
                pool.submit(() -> {
                    for (var n = thread; !stop.get(); n += 3) {
                        var id = "nap-" + n;
                        try {
                            var stub = client.newWorkflowStub(
                                    Nap.class,
                                    WorkflowOptions.newBuilder()
                                            .setTaskQueue(QUEUE)
                                            .setWorkflowId(id)
                                            .build());
                            WorkflowClient.start(stub::run, n);
                            acked.add(id);
                        } catch (RuntimeException e) {
                            // unacknowledged: may or may not exist
                        }
                    }
                });
            }
            for (var t = 0; t < 2; t++) {
                var thread = t;
                pool.submit(() -> {
                    for (var value = thread; value < SIGNALS; value += 2) {
                        var stub = client.newWorkflowStub(Collector.class, "collector");
                        while (true) {
                            try {
                                stub.add(value);
                                ackedSignals.add(value);
                                break;
                            } catch (RuntimeException e) {
                                if (stop.get()) {
                                    return;
                                }
                                // retried by the test as a client would: a new request id
                                try {
                                    Thread.sleep(100);
                                } catch (InterruptedException ie) {
                                    return;
                                }
                            }
                        }
                        try {
                            Thread.sleep(60);
                        } catch (InterruptedException ie) {
                            return;
                        }
                    }
                });
            }
            for (var round = 0; round < 3; round++) {
                Thread.sleep(700 + random.nextInt(1500));
                kill(server);
                Thread.sleep(random.nextInt(800));
                server = startServer(port);
            }
            Thread.sleep(1500);
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(acked).as("some starts were acknowledged").hasSizeGreaterThan(5);
            for (var id : acked) {
                var result = client.newUntypedWorkflowStub(id).getResult(60, TimeUnit.SECONDS, String.class);
                var n = Integer.parseInt(id.substring(4));
                assertThat(result).isEqualTo(n + ":" + (n * n + (n + 1) * (n + 1)));
            }
            @SuppressWarnings("unchecked")
            List<Integer> values =
                    client.newUntypedWorkflowStub("collector").getResult(60, TimeUnit.SECONDS, List.class);
            assertThat(new HashSet<>(values)).containsAll(ackedSignals);
            assertThat(values).as("no signal delivered twice").doesNotHaveDuplicates();

            var blocking = service.blockingStub();
            var runs = blocking.listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                    .setNamespace("default")
                    .setPageSize(10_000)
                    .build());
            for (var info : runs.getExecutionsList()) {
                checkHistory(blocking, info.getExecution());
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
            factory.shutdownNow();
            service.shutdownNow();
            kill(server);
        }
    }

    private static final Set<EventType> CLOSE = Set.of(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);

    private static void checkHistory(
            io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub stub,
            WorkflowExecution execution) {
        var events = new ArrayList<HistoryEvent>();
        com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
        do {
            var page = stub.getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(execution)
                    .setNextPageToken(token)
                    .build());
            events.addAll(page.getHistory().getEventsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        for (var i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getEventId())
                    .as("event ids of %s contiguous", execution.getWorkflowId())
                    .isEqualTo(i + 1L);
        }
        assertThat(events.stream().filter(e -> CLOSE.contains(e.getEventType())))
                .as("close events of %s", execution.getWorkflowId())
                .hasSize(1);
        assertThat(CLOSE).contains(events.getLast().getEventType());
        var scheduled = events.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .count();
        var closedActivities = events.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                .count();
        assertThat(closedActivities)
                .as("activities of %s", execution.getWorkflowId())
                .isEqualTo(scheduled);
    }
}
