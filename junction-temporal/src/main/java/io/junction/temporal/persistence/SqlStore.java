package io.junction.temporal.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.temporal.api.history.v1.HistoryEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workflow state in SQL: SQLite by default, PostgreSQL by URL, with the same tables and statements.
 *
 * <p>Writes go through one {@link Journal} thread that group-commits; reads use a small pool of other connections.
 * SQLite runs in WAL mode with {@code synchronous=FULL}, so a committed transaction survives a power cut, and
 * readers never wait for the writer.
 */
public final class SqlStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlStore.class);

    private final Dialect dialect;
    private final HikariDataSource readers;
    private final Journal journal;

    private SqlStore(Dialect dialect, HikariDataSource readers, Journal journal) {
        this.dialect = dialect;
        this.readers = readers;
        this.journal = journal;
    }

    /** Opens the database at {@code jdbcUrl}, creating the tables on first use. */
    public static SqlStore open(String jdbcUrl) {
        var dialect = Dialect.of(jdbcUrl);
        Connection writer = null;
        try {
            writer = DriverManager.getConnection(jdbcUrl);
            prepare(dialect, writer);
            for (var statement : dialect.schema()) {
                try (var s = writer.createStatement()) {
                    s.execute(statement);
                }
            }
            writer.setAutoCommit(false);
            var readers = readerPool(dialect, jdbcUrl);
            LOG.info("workflow store opened url={}", redact(jdbcUrl));
            return new SqlStore(
                    dialect, readers, new Journal(writer, () -> openWriter(dialect, jdbcUrl), SqlStore::apply));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writer);
            throw new StoreException("cannot open the workflow database " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a workflow database connection failed", e);
        }
    }

    private static Connection openWriter(Dialect dialect, String jdbcUrl) throws SQLException {
        var writer = DriverManager.getConnection(jdbcUrl);
        prepare(dialect, writer);
        writer.setAutoCommit(false);
        return writer;
    }

    private static void prepare(Dialect dialect, Connection connection) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try (var s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA cache_size=-65536");
            }
        }
    }

    private static HikariDataSource readerPool(Dialect dialect, String jdbcUrl) {
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("temporal-readers");
        config.setMaximumPoolSize(dialect == Dialect.SQLITE ? 4 : 8);
        config.setMinimumIdle(1);
        if (dialect == Dialect.SQLITE) {
            config.setConnectionInitSql("PRAGMA busy_timeout=10000");
        }
        return new HikariDataSource(config);
    }

    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    public boolean isSqlite() {
        return dialect == Dialect.SQLITE;
    }

    /** Commits {@code writes} as one transaction; the future completes once they are durable. */
    public CompletableFuture<Void> commit(List<StoreWrite> writes) {
        return journal.submit(writes);
    }

    public List<byte[]> namespaces() {
        return query("SELECT data FROM namespaces ORDER BY name", s -> {}, r -> r.getBytes(1));
    }

    /** The mutable state of every run that has not closed, for recovery at start. */
    public List<byte[]> runningExecutions() {
        return query("SELECT state FROM executions WHERE running = 1", s -> {}, r -> r.getBytes(1));
    }

    public Optional<byte[]> execution(String namespace, String workflowId, String runId) {
        return query(
                        "SELECT state FROM executions WHERE namespace = ? AND workflow_id = ? AND run_id = ?",
                        s -> {
                            s.setString(1, namespace);
                            s.setString(2, workflowId);
                            s.setString(3, runId);
                        },
                        r -> r.getBytes(1))
                .stream()
                .findFirst();
    }

    public Optional<String> currentRun(String namespace, String workflowId) {
        return query(
                        "SELECT run_id FROM current_executions WHERE namespace = ? AND workflow_id = ?",
                        s -> {
                            s.setString(1, namespace);
                            s.setString(2, workflowId);
                        },
                        r -> r.getString(1))
                .stream()
                .findFirst();
    }

    /** Up to {@code limit} events of a run from {@code fromEventId} on, in order. */
    public List<HistoryEvent> history(String runId, long fromEventId, int limit) {
        return query(
                "SELECT data FROM history_events WHERE run_id = ? AND event_id >= ? ORDER BY event_id LIMIT ?",
                s -> {
                    s.setString(1, runId);
                    s.setLong(2, fromEventId);
                    s.setInt(3, limit);
                },
                r -> HistoryEvent.parseFrom(r.getBytes(1)));
    }

    /** The visibility rows of a namespace, newest first, as serialized WorkflowExecutionInfo. */
    public List<byte[]> visibility(String namespace) {
        return query(
                "SELECT info FROM visibility WHERE namespace = ? ORDER BY start_time DESC",
                s -> s.setString(1, namespace),
                r -> r.getBytes(1));
    }

    /** Closed runs of a namespace that closed before {@code closedBefore} (epoch ms): workflow id and run id. */
    public List<String[]> closedBefore(String namespace, long closedBefore) {
        return query(
                "SELECT workflow_id, run_id FROM visibility WHERE namespace = ? AND close_time > 0"
                        + " AND close_time < ? LIMIT 1000",
                s -> {
                    s.setString(1, namespace);
                    s.setLong(2, closedBefore);
                },
                r -> new String[] {r.getString(1), r.getString(2)});
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (var connection = readers.getConnection();
                var statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (var rows = statement.executeQuery()) {
                var result = new ArrayList<T>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException | com.google.protobuf.InvalidProtocolBufferException e) {
            throw new StoreException("workflow store read failed: " + e.getMessage(), e);
        }
    }

    private static void apply(Connection connection, List<StoreWrite> writes) throws SQLException {
        for (var write : writes) {
            switch (write) {
                case StoreWrite.PutNamespace w ->
                    update(
                            connection,
                            "INSERT INTO namespaces (name, data) VALUES (?, ?)"
                                    + " ON CONFLICT (name) DO UPDATE SET data = excluded.data",
                            s -> {
                                s.setString(1, w.name());
                                s.setBytes(2, w.data());
                            });
                case StoreWrite.PutExecution w ->
                    update(
                            connection,
                            "INSERT INTO executions (namespace, workflow_id, run_id, running, state)"
                                    + " VALUES (?, ?, ?, ?, ?)"
                                    + " ON CONFLICT (namespace, workflow_id, run_id)"
                                    + " DO UPDATE SET running = excluded.running, state = excluded.state",
                            s -> {
                                s.setString(1, w.namespace());
                                s.setString(2, w.workflowId());
                                s.setString(3, w.runId());
                                s.setInt(4, w.running() ? 1 : 0);
                                s.setBytes(5, w.state());
                            });
                case StoreWrite.PutCurrentRun w ->
                    update(
                            connection,
                            "INSERT INTO current_executions (namespace, workflow_id, run_id) VALUES (?, ?, ?)"
                                    + " ON CONFLICT (namespace, workflow_id) DO UPDATE SET run_id = excluded.run_id",
                            s -> {
                                s.setString(1, w.namespace());
                                s.setString(2, w.workflowId());
                                s.setString(3, w.runId());
                            });
                case StoreWrite.AppendHistory w -> appendHistory(connection, w);
                case StoreWrite.PutVisibility w ->
                    update(
                            connection,
                            "INSERT INTO visibility (namespace, run_id, workflow_id, workflow_type, status, start_time,"
                                    + " close_time, info) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                    + " ON CONFLICT (namespace, run_id) DO UPDATE SET status = excluded.status,"
                                    + " close_time = excluded.close_time, info = excluded.info",
                            s -> {
                                s.setString(1, w.namespace());
                                s.setString(2, w.runId());
                                s.setString(3, w.workflowId());
                                s.setString(4, w.workflowType());
                                s.setInt(5, w.status());
                                s.setLong(6, w.startTime());
                                s.setLong(7, w.closeTime());
                                s.setBytes(8, w.info());
                            });
                case StoreWrite.DeleteExecution w -> deleteExecution(connection, w);
            }
        }
    }

    private static void appendHistory(Connection connection, StoreWrite.AppendHistory write) throws SQLException {
        try (var statement =
                connection.prepareStatement("INSERT INTO history_events (run_id, event_id, data) VALUES (?, ?, ?)")) {
            for (var event : write.events()) {
                statement.setString(1, write.runId());
                statement.setLong(2, event.getEventId());
                statement.setBytes(3, event.toByteArray());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void deleteExecution(Connection connection, StoreWrite.DeleteExecution write) throws SQLException {
        update(connection, "DELETE FROM history_events WHERE run_id = ?", s -> s.setString(1, write.runId()));
        update(connection, "DELETE FROM visibility WHERE namespace = ? AND run_id = ?", s -> {
            s.setString(1, write.namespace());
            s.setString(2, write.runId());
        });
        update(connection, "DELETE FROM executions WHERE namespace = ? AND workflow_id = ? AND run_id = ?", s -> {
            s.setString(1, write.namespace());
            s.setString(2, write.workflowId());
            s.setString(3, write.runId());
        });
        update(
                connection,
                "DELETE FROM current_executions WHERE namespace = ? AND workflow_id = ? AND run_id = ?",
                s -> {
                    s.setString(1, write.namespace());
                    s.setString(2, write.workflowId());
                    s.setString(3, write.runId());
                });
    }

    private static void update(Connection connection, String sql, Binder binder) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        }
    }

    @Override
    public void close() {
        journal.close();
        readers.close();
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException, com.google.protobuf.InvalidProtocolBufferException;
    }
}
