package io.junction.nats.monitor;

import io.junction.nats.server.NatsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /healthz}: {@code {"status":"ok"}} with 200 while the server accepts clients, else 503 with the reason.
 *
 * <p>nats-server checks JetStream only when its configuration enables it, and then reports a server whose
 * JetStream did not start as unavailable, whatever {@code js-enabled-only} or {@code js-server-only} ask. Junction
 * does not serve JetStream yet, so it answers the same way for a configuration that enables it: a probe written for
 * a JetStream server must not pass against a server without one.
 */
final class HealthzEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(HealthzEndpoint.class);
    private static final HealthStatus NOT_READY =
            new HealthStatus("error", "failed to be ready for connections after 1ms: server");
    private static final HealthStatus JETSTREAM_NOT_ENABLED =
            new HealthStatus("unavailable", "JetStream not enabled (10076)");

    private final NatsServer server;

    HealthzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(QueryParameters query) {
        // Parsed only to reject what nats-server rejects; JetStream is healthy whenever it runs.
        query.bool("js-enabled");
        query.bool("js-enabled-only");
        query.bool("js-server-only");
        var health = health();
        if (!health.isOk()) {
            LOG.debug("health check failed: {}", health.error());
        }

        return new MonitorResponse(health.isOk() ? 200 : 503, MonitorResponse.JSON, Json.compact(health));
    }

    HealthStatus health() {
        if (!server.isRunning()) {
            return NOT_READY;
        }
        if (server.options().jetStream().enabled() && !server.servesJetStream()) {
            return JETSTREAM_NOT_ENABLED;
        }

        return HealthStatus.OK;
    }
}
