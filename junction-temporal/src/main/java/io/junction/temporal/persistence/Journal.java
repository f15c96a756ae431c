package io.junction.temporal.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the workflow database.
 *
 * <h2>Group commit</h2>
 * Callers hand over a transaction (a list of row writes) and get a future that completes once the database has
 * committed it durably. The writer thread takes everything queued, applies it in arrival order inside one database
 * transaction and commits once, so sixteen concurrent workflows pay for one fsync, not sixteen. Each caller's
 * writes stay atomic: they are all in the one commit or, when it fails, none of them is.
 *
 * <h2>Ordering</h2>
 * Transactions commit in the order {@link #submit} was called. The engine submits while it holds the lock of the
 * run it changed, so the changes of one run reach the database in the order they were made.
 *
 * <h2>Lost connections</h2>
 * A failed commit whose connection no longer answers (PostgreSQL restarted, a failover, a proxy that closed it) is
 * followed by a new connection, so the next transaction can commit. The failed batch still fails: its outcome is
 * unknown to the callers, who reload what they changed from the database.
 */
final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final int MAX_BATCH = 512;

    private final Connector connector;
    private final RowWriter writer;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private Connection connection;

    Journal(Connection connection, Connector connector, RowWriter writer) {
        this.connection = connection;
        this.connector = connector;
        this.writer = writer;
        this.thread = Thread.ofPlatform().name("temporal-journal").daemon().start(this::run);
    }

    CompletableFuture<Void> submit(List<StoreWrite> writes) {
        var pending = new Pending(writes, new CompletableFuture<>());
        if (closed) {
            pending.done.completeExceptionally(new StoreException("the workflow store is closed"));
            return pending.done;
        }
        queue.add(pending);
        return pending.done;
    }

    private void run() {
        var batch = new ArrayList<Pending>();
        while (!closed || !queue.isEmpty()) {
            try {
                var first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            for (var pending : batch) {
                writer.apply(connection, pending.writes);
            }
            connection.commit();
            batch.forEach(pending -> pending.done.complete(null));
        } catch (SQLException | RuntimeException e) {
            LOG.error("workflow store commit failed transactions={} error={}", batch.size(), describe(e));
            LOG.debug("workflow store commit failure", e);
            rollback();
            reconnectIfBroken();
            var failure = new StoreException("workflow store commit failed: " + describe(e), e);
            batch.forEach(pending -> pending.done.completeExceptionally(failure));
        }
    }

    /**
     * What went wrong, without the statement's parameters: drivers put whole statements, payloads included, in
     * their messages, and those must not reach logs or clients.
     */
    static String describe(Exception e) {
        if (e instanceof SQLException sql) {
            var cause = sql.getNextException() != null ? sql.getNextException() : sql;
            var text = cause instanceof java.sql.BatchUpdateException ? "batch update failed" : cause.getMessage();
            if (text != null && text.length() > 200) {
                text = text.substring(0, 200) + "...";
            }
            return "SQLState " + sql.getSQLState() + ": " + text;
        }
        return e.getClass().getSimpleName();
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.error("workflow store rollback failed", e);
        }
    }

    private void reconnectIfBroken() {
        try {
            if (connection.isValid(2)) {
                return;
            }
        } catch (SQLException e) {
            LOG.debug("workflow store writer connection check failed", e);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the broken workflow store writer failed", e);
        }
        try {
            connection = connector.open();
            LOG.info("workflow store writer reconnected");
        } catch (SQLException e) {
            LOG.error(
                    "workflow store writer cannot reconnect, will try again after the next failed commit: {}",
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("closing the workflow store writer failed", e);
        }
    }

    /** Opens a writer connection with auto-commit off, as the first one was. */
    interface Connector {
        Connection open() throws SQLException;
    }

    /** Applies one transaction's writes on the writer connection, without committing. */
    interface RowWriter {
        void apply(Connection connection, List<StoreWrite> writes) throws SQLException;
    }

    private record Pending(List<StoreWrite> writes, CompletableFuture<Void> done) {}
}
