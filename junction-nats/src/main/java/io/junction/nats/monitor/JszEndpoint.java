package io.junction.nats.monitor;

import io.junction.nats.server.NatsServer;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * {@code /jsz}: JetStream's report when it runs, or nats-server's answer for a server without it, {@code disabled}.
 */
final class JszEndpoint implements Endpoint {
    private final NatsServer server;

    JszEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(QueryParameters query) {
        var report = server.jetStreamReport();
        if (report != null) {
            return MonitorResponse.json(report);
        }
        var disabled = new LinkedHashMap<String, Object>();
        disabled.put("server_id", server.serverId());
        disabled.put("now", Instant.now().toString());
        disabled.put("disabled", true);
        return MonitorResponse.json(disabled);
    }
}
