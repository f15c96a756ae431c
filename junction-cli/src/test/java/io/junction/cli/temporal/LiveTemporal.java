package io.junction.cli.temporal;

import io.junction.temporal.TemporalServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A Junction Temporal server on a free port with a fresh SQLite file, and a Java SDK worker polling
 * {@code order-queue} for {@link OrderWorkflow} and {@link EchoWorkflow}, as a user's application would.
 */
final class LiveTemporal implements AutoCloseable {
    static final String TASK_QUEUE = "order-queue";

    private final Path directory;
    private final TemporalServer server;
    private final WorkflowServiceStubs service;
    private final WorkerFactory workers;

    LiveTemporal() {
        try {
            directory = Files.createTempDirectory("junction-temporal-cli");
            server = TemporalServer.start("127.0.0.1", 0, "jdbc:sqlite:" + directory.resolve("temporal.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
        var client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder().setNamespace("default").build());
        workers = WorkerFactory.newInstance(client);
        var worker = workers.newWorker(TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class, EchoWorkflow.Impl.class);
        workers.start();
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    @Override
    public void close() throws IOException {
        workers.shutdownNow();
        service.shutdownNow();
        server.close();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
