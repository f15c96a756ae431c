package io.junction.temporal.service;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.junction.temporal.TemporalServer;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the raw-gRPC tests share: a server on a free port with a fresh SQLite file per test, and a blocking
 * WorkflowService stub on a plaintext channel to it. {@link #stop} and {@link #start} restart it on the same file.
 */
abstract class GrpcServerTest {
    @TempDir
    Path directory;

    TemporalServer server;
    ManagedChannel channel;
    WorkflowServiceGrpc.WorkflowServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        server = TemporalServer.start("127.0.0.1", 0, "jdbc:sqlite:" + directory.resolve("t.db"));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
        stub = WorkflowServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.close();
    }
}
