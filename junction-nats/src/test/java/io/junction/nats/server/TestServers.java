package io.junction.nats.server;

import java.util.function.UnaryOperator;

/** Starts in-process servers on random ports for tests. */
public final class TestServers {
    private TestServers() {}

    public static NatsServer start() {
        return start(UnaryOperator.identity());
    }

    public static NatsServer start(UnaryOperator<ServerOptions.Builder> configure) {
        var options = configure.apply(ServerOptions.builder().host("127.0.0.1").port(ServerOptions.RANDOM_PORT));
        var server = new NatsServer(options.build());
        server.start();
        return server;
    }
}
