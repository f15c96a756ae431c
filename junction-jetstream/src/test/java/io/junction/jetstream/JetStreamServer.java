package io.junction.jetstream;

import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import java.nio.file.Path;

/** A server with JetStream on a random port and a given store directory, for tests (the interop tests too). */
public final class JetStreamServer implements AutoCloseable {
    private final NatsServer server;
    private final JetStream jetStream;

    private JetStreamServer(NatsServer server, JetStream jetStream) {
        this.server = server;
        this.jetStream = jetStream;
    }

    public static JetStreamServer start(Path storeDir) {
        return start(storeDir, ServerOptions.RANDOM_PORT);
    }

    static JetStreamServer start(Path storeDir, int port) {
        return start(storeDir, port, null);
    }

    /** A server in a JetStream domain, or in none when the domain is null. */
    public static JetStreamServer inDomain(Path storeDir, String domain) {
        return start(storeDir, ServerOptions.RANDOM_PORT, domain);
    }

    private static JetStreamServer start(Path storeDir, int port, String domain) {
        var options = ServerOptions.builder().host("127.0.0.1").port(port).build();
        var server = new NatsServer(options);
        var jetStream = new JetStream(server, new JetStreamConfig(storeDir, -1, -1, null, domain));
        jetStream.start();
        server.addCompanion(jetStream);
        server.start();
        return new JetStreamServer(server, jetStream);
    }

    public String url() {
        return server.clientUrl();
    }

    int port() {
        return server.port();
    }

    /** The core server, for tests that speak the protocol by hand. */
    NatsServer nats() {
        return server;
    }

    JetStream jetStream() {
        return jetStream;
    }

    @Override
    public void close() {
        server.close();
    }
}
