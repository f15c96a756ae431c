package io.junction.temporal;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.junction.temporal.namespace.Namespaces;
import io.junction.temporal.persistence.SqlStore;
import io.junction.temporal.service.Services;
import io.junction.temporal.workflow.WorkflowEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's WorkflowService, OperatorService and the gRPC health service on one port, backed by the workflow
 * engine and its SQL store. Start it with {@link #start}; {@link #close} stops serving and closes the store.
 */
public final class TemporalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TemporalServer.class);
    private static final String SERVICE_NAME = "temporal.api.workflowservice.v1.WorkflowService";

    private final SqlStore store;
    private final WorkflowEngine engine;
    private final Server server;

    private TemporalServer(SqlStore store, WorkflowEngine engine, Server server) {
        this.store = store;
        this.engine = engine;
        this.server = server;
    }

    /**
     * Opens the store at {@code jdbcUrl}, recovers running workflows and serves on {@code host:port} ({@code port}
     * 0 picks a free one).
     */
    public static TemporalServer start(String host, int port, String jdbcUrl) throws IOException {
        var store = SqlStore.open(jdbcUrl);
        try {
            var namespaces = new Namespaces(store);
            var engine = new WorkflowEngine(store, namespaces);
            engine.recover();
            var health = new HealthStatusManager();
            health.setStatus(SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
            health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
            var builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .maxInboundMessageSize(128 * 1024 * 1024)
                    .permitKeepAliveTime(5, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .addService(health.getHealthService());
            Services.register(builder, engine);
            var server = builder.build().start();
            LOG.info("Temporal WorkflowService listening on {}:{}", host, server.getPort());
            return new TemporalServer(store, engine, server);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The engine behind the services, for embedding applications and tests. */
    public WorkflowEngine engine() {
        return engine;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        store.close();
    }
}
