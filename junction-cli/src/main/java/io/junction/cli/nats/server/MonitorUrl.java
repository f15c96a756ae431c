package io.junction.cli.nats.server;

import java.net.URI;

/** The monitoring URL to assume for a server URL: the same host, nats-server's usual monitoring port 8222. */
final class MonitorUrl {
    static final int DEFAULT_PORT = 8222;

    private MonitorUrl() {}

    static String fromServer(String serverUrls) {
        var first = serverUrls.split(",")[0].strip();
        var uri = URI.create(first.contains("://") ? first : "nats://" + first);
        var host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + DEFAULT_PORT;
    }
}
