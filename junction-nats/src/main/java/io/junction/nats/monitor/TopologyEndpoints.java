package io.junction.nats.monitor;

import io.junction.nats.server.NatsServer;
import java.time.Instant;
import java.util.List;

/**
 * {@code /routez} and {@code /leafz}: Junction runs standalone without leafnodes, so both list nothing. They are
 * served because pollers such as prometheus-nats-exporter and the nats.js test harness read them.
 */
final class TopologyEndpoints {
    private final NatsServer server;

    TopologyEndpoints(NatsServer server) {
        this.server = server;
    }

    MonitorResponse routez(QueryParameters query) {
        if (!query.string("subs").equalsIgnoreCase("detail")) {
            query.bool("subs");
        }
        return MonitorResponse.json(new Routez(server.serverId(), now(), 0, List.of()));
    }

    MonitorResponse leafz(QueryParameters query) {
        query.bool("subs");
        return MonitorResponse.json(new Leafz(server.serverId(), now(), 0, List.of()));
    }

    private static String now() {
        return GoFormat.time(Instant.now());
    }
}
