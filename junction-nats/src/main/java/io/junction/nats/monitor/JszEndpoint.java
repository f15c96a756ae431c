package io.junction.nats.monitor;

import io.junction.nats.server.NatsServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

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
        if (report == null) {
            report =
                    "{\"server_id\":\"" + server.serverId() + "\",\"now\":\"" + Instant.now() + "\",\"disabled\":true}";
        }
        try {
            return MonitorResponse.json(new com.fasterxml.jackson.databind.ObjectMapper().readTree(report));
        } catch (java.io.IOException e) {
            return new MonitorResponse(200, MonitorResponse.JSON, report.getBytes(StandardCharsets.UTF_8));
        }
    }
}
