package io.junction.nats.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntSupplier;

/** {@code /varz}: the server's identity, configured limits and running totals. */
final class VarzEndpoint implements Endpoint {
    /** nats-server's TLS timeout default, which it reports whether or not TLS is configured. */
    private static final double TLS_TIMEOUT_SECONDS = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final NatsServer server;
    private final HttpRequestStats requestStats;
    private final ProcessUsage usage;
    private final IntSupplier httpPort;

    VarzEndpoint(NatsServer server, HttpRequestStats requestStats, ProcessUsage usage, IntSupplier httpPort) {
        this.server = server;
        this.requestStats = requestStats;
        this.usage = usage;
        this.httpPort = httpPort;
    }

    @Override
    public MonitorResponse handle(QueryParameters query) {
        return MonitorResponse.json(varz());
    }

    Varz varz() {
        var options = server.options();
        var info = info();
        var stats = server.stats();
        var now = Instant.now();
        var cores = Runtime.getRuntime().availableProcessors();

        return new Varz(
                server.serverId(),
                server.serverName(),
                info.path("version").asText(),
                info.path("proto").asInt(),
                info.path("git_commit").asText(),
                info.path("go").asText(),
                options.host(),
                server.port(),
                info.path("auth_required").asBoolean(),
                options.maxConnections(),
                options.maxSubscriptions(),
                options.pingInterval().toNanos(),
                options.maxPingsOut(),
                options.httpHost(),
                httpPort.getAsInt(),
                "",
                0,
                seconds(options.authTimeout()),
                options.maxControlLine(),
                options.maxPayload(),
                options.maxPending(),
                cluster(options.cluster()),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                jetStream(),
                TLS_TIMEOUT_SECONDS,
                options.writeDeadline().toNanos(),
                GoFormat.time(server.startTime()),
                GoFormat.time(now),
                GoFormat.uptime(Duration.between(server.startTime(), now)),
                usage.residentMemoryBytes(),
                cores,
                cores,
                usage.cpuPercent(),
                stats.connections(),
                stats.totalConnections(),
                0,
                0,
                0,
                stats.inMsgs(),
                stats.outMsgs(),
                stats.inBytes(),
                stats.outBytes(),
                stats.slowConsumers(),
                stats.subscriptions(),
                requestStats.snapshot(),
                GoFormat.time(server.startTime()));
    }

    /** The INFO clients are sent, so /varz and INFO never disagree on version, protocol or auth. */
    private JsonNode info() {
        try {
            return MAPPER.readTree(server.infoJson());
        } catch (Exception e) {
            throw new IllegalStateException("the server's INFO is not JSON", e);
        }
    }

    private static Varz.Cluster cluster(ServerOptions.ClusterOptions cluster) {
        if (cluster == null) {
            return Varz.Cluster.NONE;
        }
        var urls = cluster.routes().stream().map(VarzEndpoint::hostPort).toList();

        return new Varz.Cluster(cluster.name(), cluster.host(), cluster.port(), urls);
    }

    /** nats-server lists routes as {@code host:port}, without scheme or credentials. */
    private static String hostPort(String route) {
        try {
            var uri = URI.create(route);
            return uri.getHost() == null ? route : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return route;
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** nats-server's {@code jetstream} block of {@code /varz}: the config and usage, from JetStream's report. */
    private Map<String, Object> jetStream() {
        var node = server.jetStreamReport(io.junction.nats.server.JszOptions.PLAIN);
        if (node == null) {
            return Map.of();
        }
        var stats = new java.util.LinkedHashMap<String, Object>();
        for (var field :
                new String[] {"memory", "storage", "reserved_memory", "reserved_storage", "accounts", "ha_assets", "api"
                }) {
            stats.put(field, node.get(field));
        }
        var block = new java.util.LinkedHashMap<String, Object>();
        block.put("config", node.get("config"));
        block.put("stats", stats);
        return block;
    }
}
