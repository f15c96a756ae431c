package io.junction.temporal.sdk;

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
import java.util.UUID;

/**
 * A Junction Temporal server on a free port with a fresh SQLite database, and the Temporal Java SDK's client and
 * worker factory connected to it over gRPC, as a user's application would be.
 */
final class JunctionTemporal implements AutoCloseable {
    final Path directory;
    final String jdbcUrl;
    TemporalServer server;
    WorkflowServiceStubs service;
    WorkflowClient client;
    WorkerFactory workers;

    JunctionTemporal() {
        this(System.getProperty("junction.temporal.db"));
    }

    JunctionTemporal(String jdbcUrl) {
        try {
            directory = Files.createTempDirectory("junction-temporal");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.jdbcUrl = jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + directory.resolve("temporal.db");
        start();
    }

    void start() {
        try {
            server = TemporalServer.start("127.0.0.1", 0, jdbcUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + server.port())
                .build());
        client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder().setNamespace("default").build());
        workers = WorkerFactory.newInstance(client);
    }

    String taskQueue() {
        return "queue-" + UUID.randomUUID();
    }

    /** Stops the clients and the server, keeping the database, as a restart would. */
    void stop() {
        workers.shutdownNow();
        service.shutdownNow();
        server.close();
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
