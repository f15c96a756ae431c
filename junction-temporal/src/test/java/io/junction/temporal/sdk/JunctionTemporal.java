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
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;

/**
 * A Junction Temporal server on a free port with a fresh SQLite database, and the Temporal Java SDK's client and
 * worker factory connected to it over gRPC, as a user's application would be.
 *
 * <p>The system property {@code junction.temporal.db} runs the same tests on another database: a PostgreSQL URL gets
 * a fresh schema for each instance, dropped on {@link #close}, so tests neither see each other's workflows nor
 * those of an earlier run.
 */
final class JunctionTemporal implements AutoCloseable {
    final Path directory;
    final String jdbcUrl;
    private final String schema;
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
        if (jdbcUrl == null) {
            this.jdbcUrl = "jdbc:sqlite:" + directory.resolve("temporal.db");
            this.schema = null;
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            this.schema = "test_" + UUID.randomUUID().toString().replace("-", "");
            this.jdbcUrl = createSchema(jdbcUrl, schema);
        } else {
            this.jdbcUrl = jdbcUrl;
            this.schema = null;
        }
        start();
    }

    /** Creates {@code schema} and returns a URL whose connections work in it. */
    private static String createSchema(String jdbcUrl, String schema) {
        execute(jdbcUrl, "CREATE SCHEMA " + schema);
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String jdbcUrl, String sql) {
        try (var connection = DriverManager.getConnection(jdbcUrl);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on the test database: " + e.getMessage(), e);
        }
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
        if (schema != null) {
            execute(jdbcUrl, "DROP SCHEMA " + schema + " CASCADE");
        }
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
