package io.junction.temporal.persistence;

import java.util.List;

/** The two SQL engines Junction stores workflows in; they differ only in a type name and session settings. */
enum Dialect {
    SQLITE("BLOB"),
    POSTGRESQL("BYTEA");

    private final String binaryType;

    Dialect(String binaryType) {
        this.binaryType = binaryType;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new StoreException("unsupported workflow database URL " + jdbcUrl
                + ": use jdbc:sqlite:<file> or jdbc:postgresql://host/db");
    }

    List<String> schema() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS namespaces (name TEXT PRIMARY KEY, data " + binaryType + " NOT NULL)",
                "CREATE TABLE IF NOT EXISTS executions (namespace TEXT NOT NULL, workflow_id TEXT NOT NULL,"
                        + " run_id TEXT NOT NULL, running INT NOT NULL, state " + binaryType + " NOT NULL,"
                        + " PRIMARY KEY (namespace, workflow_id, run_id))",
                "CREATE INDEX IF NOT EXISTS executions_running ON executions (running)",
                "CREATE TABLE IF NOT EXISTS current_executions (namespace TEXT NOT NULL, workflow_id TEXT NOT NULL,"
                        + " run_id TEXT NOT NULL, PRIMARY KEY (namespace, workflow_id))",
                "CREATE TABLE IF NOT EXISTS history_events (run_id TEXT NOT NULL, event_id BIGINT NOT NULL," + " data "
                        + binaryType + " NOT NULL, PRIMARY KEY (run_id, event_id))",
                "CREATE TABLE IF NOT EXISTS visibility (namespace TEXT NOT NULL, run_id TEXT NOT NULL,"
                        + " workflow_id TEXT NOT NULL, workflow_type TEXT NOT NULL, status INT NOT NULL,"
                        + " start_time BIGINT NOT NULL, close_time BIGINT NOT NULL, info " + binaryType
                        + " NOT NULL, PRIMARY KEY (namespace, run_id))",
                "CREATE INDEX IF NOT EXISTS visibility_order ON visibility (namespace, close_time, start_time)");
    }
}
