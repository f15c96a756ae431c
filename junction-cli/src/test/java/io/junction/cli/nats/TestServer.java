package io.junction.cli.nats;

import io.junction.jetstream.JetStream;
import io.junction.jetstream.JetStreamConfig;
import io.junction.nats.monitor.MonitorServer;
import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import java.nio.file.Path;

/** A Junction server with JetStream and monitoring in this JVM, on random ports, storing in a given folder. */
public final class TestServer implements AutoCloseable {
    private final NatsServer server;
    private final MonitorServer monitor;

    private TestServer(NatsServer server, MonitorServer monitor) {
        this.server = server;
        this.monitor = monitor;
    }

    public static TestServer start(Path storeDir) {
        var options = ServerOptions.builder()
                .host("127.0.0.1")
                .port(ServerOptions.RANDOM_PORT)
                .httpPort(ServerOptions.RANDOM_PORT)
                .build();
        var server = new NatsServer(options);
        var jetStream = new JetStream(server, new JetStreamConfig(storeDir, -1, -1));
        jetStream.start();
        server.addCompanion(jetStream);
        server.start();
        return new TestServer(server, MonitorServer.start(server));
    }

    public String url() {
        return "nats://127.0.0.1:" + server.port();
    }

    public String monitorUrl() {
        return monitor.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
