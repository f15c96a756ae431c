package io.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Nats;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code junction.jar}, run as the {@code junction} script runs it, serves NATS and Temporal: the jar
 * must keep gRPC's service files, the JDBC drivers and the native transport libraries of every dependency. Runs in
 * the {@code package} phase, after the jar is built, with {@code junction.jar} naming it.
 */
class ShadedJarTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path storeDir;

    @WorkflowInterface
    public interface GreetingWorkflow {
        @WorkflowMethod
        String greet(String name);
    }

    @ActivityInterface
    public interface Greetings {
        String hello(String name);
    }

    public static class GreetingWorkflowImpl implements GreetingWorkflow {
        private final Greetings greetings = Workflow.newActivityStub(
                Greetings.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(10))
                        .build());

        @Override
        public String greet(String name) {
            return greetings.hello(name);
        }
    }

    @Test
    void servesNatsAndTemporalFromTheShadedJar() throws Exception {
        var jar = System.getProperty("junction.jar");
        assumeTrue(jar != null, "runs in the package phase, where junction.jar names the shaded jar");
        var temporalPort = ServerProcess.freePort();
        var monitorPort = ServerProcess.freePort();

        try (var server = ServerProcess.startJar(
                Path.of(jar),
                "server",
                "-a",
                "127.0.0.1",
                "-p",
                "-1",
                "-sd",
                storeDir.toString(),
                "--temporal_port",
                String.valueOf(temporalPort),
                "-m",
                String.valueOf(monitorPort))) {
            var natsPort = server.awaitListening(WAIT);
            server.awaitTemporalListening(WAIT);
            var service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget("127.0.0.1:" + temporalPort)
                    .build());
            var client = WorkflowClient.newInstance(
                    service,
                    WorkflowClientOptions.newBuilder().setNamespace("default").build());
            var workers = WorkerFactory.newInstance(client);
            try (var connection = Nats.connect("nats://127.0.0.1:" + natsPort)) {
                var worker = workers.newWorker("greetings");
                worker.registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
                worker.registerActivitiesImplementations((Greetings) name -> "hello " + name);
                workers.start();
                var subscription = connection.subscribe("greeting");
                connection.publish("greeting", "hi".getBytes(StandardCharsets.UTF_8));

                var greeting = client.newWorkflowStub(
                                GreetingWorkflow.class,
                                WorkflowOptions.newBuilder()
                                        .setTaskQueue("greetings")
                                        .setWorkflowId("greeting")
                                        .build())
                        .greet("jar");

                assertThat(greeting).isEqualTo("hello jar");
                assertThat(metrics(monitorPort)).contains("junction_nats_connections");
                assertThat(subscription.nextMessage(WAIT).getData()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
                assertThat(storeDir.resolve(TemporalSettings.DATABASE_FILE)).isRegularFile();
            } finally {
                workers.shutdownNow();
                service.shutdownNow();
            }

            server.process().destroy();

            assertThat(server.awaitExit(WAIT)).isIn(0, 143);
            assertThat(server.log()).noneMatch(line -> line.contains("[ERR]") || line.contains("[WRN]"));
        }
    }

    /** The monitoring port's Prometheus page: it needs the Micrometer classes the shaded jar must carry. */
    private static String metrics(int port) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build();
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }
}
