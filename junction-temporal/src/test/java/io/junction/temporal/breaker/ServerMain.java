package io.junction.temporal.breaker;

import io.junction.temporal.TemporalServer;

/** A Temporal server in its own JVM, for tests that kill it with SIGKILL: {@code ServerMain <port> <jdbcUrl>}. */
public final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) throws Exception {
        var server = TemporalServer.start("127.0.0.1", Integer.parseInt(args[0]), args[1]);
        // CLI-OUTPUT:BEGIN the handshake the parent test reads
        System.err.println("READY " + server.port());
        System.err.flush();
        // CLI-OUTPUT:END
        Thread.currentThread().join();
    }
}
