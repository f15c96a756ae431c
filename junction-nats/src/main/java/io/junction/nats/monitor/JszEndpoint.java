package io.junction.nats.monitor;

import io.junction.nats.server.JszOptions;
import io.junction.nats.server.NatsServer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /jsz}: JetStream's report when it runs, or nats-server's answer for a server without it, {@code disabled}.
 * Reads nats-server's parameters {@code acc}, {@code accounts}, {@code streams}, {@code consumers}, {@code config},
 * {@code offset} and {@code limit}.
 */
final class JszEndpoint implements Endpoint {
    private final NatsServer server;

    JszEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(QueryParameters query) {
        var options = JszOptions.of(
                query.string("acc"),
                query.bool("accounts"),
                query.bool("streams"),
                query.bool("consumers"),
                query.bool("config"),
                query.integer("offset"),
                query.integer("limit"));
        // One server leads every stream and has no Raft groups: these change nothing, but are checked as booleans.
        query.bool("leader-only");
        query.bool("raft");
        query.bool("stream-leader-only");
        var report = server.jetStreamReport(options);
        if (report != null) {
            return MonitorResponse.json(report);
        }
        return MonitorResponse.json(disabled());
    }

    /** nats-server's report without JetStream: every field there, zero. */
    private Map<String, Object> disabled() {
        var disabled = new LinkedHashMap<String, Object>();
        disabled.put("server_id", server.serverId());
        disabled.put("now", Instant.now().toString());
        disabled.put("disabled", true);
        var config = new LinkedHashMap<String, Object>();
        config.put("max_memory", 0);
        config.put("max_storage", 0);
        disabled.put("config", config);
        for (var field :
                new String[] {"memory", "storage", "reserved_memory", "reserved_storage", "accounts", "ha_assets"}) {
            disabled.put(field, 0);
        }
        var api = new LinkedHashMap<String, Object>();
        api.put("total", 0);
        api.put("errors", 0);
        disabled.put("api", api);
        for (var field : new String[] {"streams", "consumers", "messages", "bytes", "total"}) {
            disabled.put(field, 0);
        }
        return disabled;
    }
}
