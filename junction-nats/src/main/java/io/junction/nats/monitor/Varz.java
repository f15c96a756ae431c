package io.junction.nats.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * {@code /varz}: nats-server's {@code Varz} with its field names, order and types. Durations are nanoseconds and
 * {@code auth_timeout}/{@code tls_timeout} seconds, as Go writes them; fields nats-server omits when empty are
 * omitted here too, and listeners Junction does not have (gateway, leaf, MQTT, websocket) are empty objects.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Varz(
        String serverId,
        String serverName,
        String version,
        int proto,
        @JsonInclude(Include.NON_EMPTY) String gitCommit,
        String go,
        String host,
        int port,
        @JsonInclude(Include.NON_DEFAULT) boolean authRequired,
        int maxConnections,
        @JsonInclude(Include.NON_DEFAULT) int maxSubscriptions,
        long pingInterval,
        int pingMax,
        String httpHost,
        int httpPort,
        String httpBasePath,
        int httpsPort,
        double authTimeout,
        int maxControlLine,
        int maxPayload,
        long maxPending,
        Cluster cluster,
        Map<String, Object> gateway,
        Map<String, Object> leaf,
        Map<String, Object> mqtt,
        Map<String, Object> websocket,
        Map<String, Object> jetstream,
        double tlsTimeout,
        long writeDeadline,
        String start,
        String now,
        String uptime,
        long mem,
        int cores,
        int gomaxprocs,
        double cpu,
        int connections,
        long totalConnections,
        int routes,
        int remotes,
        int leafnodes,
        long inMsgs,
        long outMsgs,
        long inBytes,
        long outBytes,
        long slowConsumers,
        int subscriptions,
        Map<String, Long> httpReqStats,
        String configLoadTime) {
    /** The {@code cluster {}} block as configured; Junction reads it but runs standalone. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Cluster(
            @JsonInclude(Include.NON_EMPTY) String name,
            @JsonInclude(Include.NON_EMPTY) String addr,
            @JsonInclude(Include.NON_DEFAULT) int clusterPort,
            @JsonInclude(Include.NON_EMPTY) List<String> urls) {
        static final Cluster NONE = new Cluster(null, null, 0, List.of());
    }
}
