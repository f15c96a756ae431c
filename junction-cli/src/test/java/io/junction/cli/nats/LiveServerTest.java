package io.junction.cli.nats;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command tests share: one live Junction server for the class, a fresh nats CLI configuration folder per
 * test, and a context named {@code local} selected in it that points at the server.
 */
public abstract class LiveServerTest {
    @TempDir
    static Path store;

    @TempDir
    protected Path config;

    protected static TestServer server;
    protected CliRunner cli;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(store);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void selectContext() {
        cli = new CliRunner(config);
        cli.run("nats", "context", "add", "local", "--server", server.url(), "--select");
    }
}
