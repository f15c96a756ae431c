package io.junction.temporal.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store outlives a PostgreSQL that closes its connections, as a database restart or failover does. */
class DatabaseConnectionLossTest {
    private final JunctionTemporal temporal = new JunctionTemporal();

    @AfterEach
    void close() {
        temporal.close();
    }

    @WorkflowInterface
    public interface EchoWorkflow {
        @WorkflowMethod
        String echo(String text);
    }

    public static class EchoWorkflowImpl implements EchoWorkflow {
        @Override
        public String echo(String text) {
            return text;
        }
    }

    @Test
    void keepsServingAfterPostgresqlClosesEveryConnection() throws SQLException {
        assumeTrue(temporal.jdbcUrl.startsWith("jdbc:postgresql:"), "a PostgreSQL store");
        var queue = temporal.taskQueue();
        temporal.workers.newWorker(queue).registerWorkflowImplementationTypes(EchoWorkflowImpl.class);
        temporal.workers.start();
        assertThat(echo(queue, "before")).isEqualTo("before");

        closeEveryOtherConnection();

        assertThat(echo(queue, "after")).isEqualTo("after");
    }

    private String echo(String queue, String text) {
        return temporal.client
                .newWorkflowStub(
                        EchoWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue(queue)
                                .setWorkflowId("echo-" + text)
                                .build())
                .echo(text);
    }

    private void closeEveryOtherConnection() throws SQLException {
        try (var connection = DriverManager.getConnection(temporal.jdbcUrl);
                var statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()");
        }
    }
}
