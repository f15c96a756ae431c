package io.junction.jetstream;

import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What most JetStream tests share: a server with JetStream in a fresh store directory and a jnats connection to it,
 * started before each test (before the test class's own {@code @BeforeEach}) and closed after it.
 */
abstract class LiveJetStreamTest {
    @TempDir
    Path storeDir;

    JetStreamServer server;
    Connection connection;

    @BeforeEach
    void startServer() throws Exception {
        server = JetStreamServer.start(storeDir);
        connection = Nats.connect(server.url());
    }

    @AfterEach
    void stopServer() throws Exception {
        connection.close();
        server.close();
    }
}
